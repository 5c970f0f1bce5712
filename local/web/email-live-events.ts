/**
 * The email run's progress as live observations: its counts, the queue's depth read at the same
 * check (visible and in flight, with the workers then running), and each worker the backlog added,
 * seen as the worker count going up between two checks (the run scales at most one step a check).
 */
import type { EmailRunProgress } from '../email/watch-email-run';
import type { RunEventSink } from './run-event-sink';

/** A progress listener that emits to `sink`; it remembers the workers of the previous check. */
export function emailLiveEvents(sink: RunEventSink): (progress: EmailRunProgress) => void {
  let workers: number | undefined;
  return (progress) => {
    sink.emit({ kind: 'email-progress', accountedFor: progress.accountedFor, total: progress.total, delivered: progress.delivered, deadLettered: progress.deadLettered, workers: progress.workers });
    sink.emit({ kind: 'sqs-depth', visible: progress.visible, inFlight: progress.inFlight, workers: progress.workers });
    if (workers !== undefined && progress.workers > workers) sink.emit({ kind: 'sqs-worker-added', backlog: progress.visible, workers: progress.workers });
    workers = progress.workers;
  };
}
