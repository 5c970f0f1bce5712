# The one Fargate image of this project's long-running Node workers: the email worker
# (runtime/email-worker/worker.ts) and the Kafka analytics members (runtime/kafka/analytics-member/member.ts).
# lib/common/fargate-worker-image.ts builds it at deploy time with the repo root as context
# (.dockerignore lets in only package.json, the lock file, tsconfig.json and runtime/) and passes the
# worker's entry file as WORKER_ENTRY.

# The base image, pinned by digest: a tag such as node:24-slim moves with every rebuild, so the same
# commit could deploy a different base. This is the multi-platform index (linux/amd64 for the build
# stage on most machines, linux/arm64 for the task) of node:24.21.0-bookworm-slim, the Node that
# .ci/run pins, as Docker's official-images record publishes it (github.com/docker-library/repo-info,
# repos/node/remote/24.21.0-bookworm-slim.md). To move on: take the new tag's index digest from there
# or from `docker buildx imagetools inspect node:<version>-bookworm-slim`, and change NODE_IMAGE.
ARG NODE_IMAGE=node:24.21.0-bookworm-slim@sha256:2fe369e969550cde8e867afc3fe370b260140cab4a23d467074295b42163d553

# Build stage on the build machine's own platform: the bundle is plain JavaScript, so there is no
# need to emulate ARM64 for npm ci and esbuild.
FROM --platform=$BUILDPLATFORM ${NODE_IMAGE} AS build
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

# Runtime stage: the same pinned image for the task's platform (linux/arm64), bundle only.
FROM ${NODE_IMAGE}
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /build/dist/ ./
# The image's unprivileged `node` user (uid 1000): the workers need no root and write nothing.
USER node
CMD ["node", "--enable-source-maps", "main.js"]
