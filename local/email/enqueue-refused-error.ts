import { EnvironmentError } from '../../runtime/shared/errors';

/** The queue refused part of the run's traffic: the target is not serving SQS as the run needs. */
export class EnqueueRefusedError extends EnvironmentError {
  constructor(
    readonly refused: number,
    readonly firstRefusal: string,
  ) {
    super(`SQS refused ${refused} of the run's messages: ${firstRefusal}`);
  }
}
