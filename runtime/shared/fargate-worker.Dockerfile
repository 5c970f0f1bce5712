# The one Fargate image of this project's long-running Node workers: the email worker
# (runtime/email-worker/worker.ts) and the Kafka analytics members (runtime/kafka/analytics-member/member.ts).
# lib/common/fargate-worker-image.ts builds it at deploy time with the repo root as context
# (.dockerignore lets in only package.json, the lock file, tsconfig.json and runtime/) and passes the
# worker's entry file as WORKER_ENTRY.

# Build stage on the build machine's own platform: the bundle is plain JavaScript, so there is no
# need to emulate ARM64 for npm ci and esbuild.
FROM --platform=$BUILDPLATFORM node:24-slim AS build
# The worker's TypeScript entry, relative to the context (e.g. runtime/email-worker/worker.ts).
ARG WORKER_ENTRY
RUN test -n "$WORKER_ENTRY" || (echo "WORKER_ENTRY build argument is required" >&2; exit 1)
WORKDIR /build
COPY package.json package-lock.json ./
# --ignore-scripts: no dependency runs code at install (esbuild's binary comes as an optional package).
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY runtime ./runtime
# One self-contained file: the SDK and every library the worker uses are bundled, node_modules is left behind.
RUN npx esbuild "$WORKER_ENTRY" --bundle --platform=node --target=node24 --format=cjs \
      --minify --sourcemap --outfile=dist/main.js

# Runtime stage: the slim Node 24 image for the task's platform (linux/arm64), bundle only.
FROM node:24-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /build/dist/ ./
# The image's unprivileged `node` user (uid 1000): the workers need no root and write nothing.
USER node
CMD ["node", "--enable-source-maps", "main.js"]
