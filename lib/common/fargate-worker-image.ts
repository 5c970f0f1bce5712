/**
 * The container image of a long-running Node worker on Fargate (the email worker, the Kafka analytics
 * members): one Dockerfile (runtime/shared/fargate-worker.Dockerfile) bundles the given entry with
 * esbuild. Built at deploy time only; synth stages the context (needs no Docker).
 */
import { Platform } from 'aws-cdk-lib/aws-ecr-assets';
import { ContainerImage } from 'aws-cdk-lib/aws-ecs';
import { SOURCE_ROOT } from './package-paths';

/** The Dockerfile, relative to the build context (SOURCE_ROOT). */
export const FARGATE_WORKER_DOCKERFILE = 'runtime/shared/fargate-worker.Dockerfile';

/**
 * @param workerEntry the worker's TypeScript entry relative to the package root, e.g. `runtime/email-worker/worker.ts`
 */
export function fargateWorkerImage(workerEntry: string): ContainerImage {
  // The build context holds runtime/ and the lock file: workers import runtime/shared, the lock pins deps.
  return ContainerImage.fromAsset(SOURCE_ROOT, {
    file: FARGATE_WORKER_DOCKERFILE,
    buildArgs: { WORKER_ENTRY: workerEntry },
    // Graviton tasks (both task definitions run ARM64).
    platform: Platform.LINUX_ARM64,
    // Also in .dockerignore; repeated so staging never copies these even if that file changes.
    exclude: ['node_modules', 'cdk.out', '.git', 'coverage', '.local-state', '.bench-out', '.venv', 'dist'],
  });
}
