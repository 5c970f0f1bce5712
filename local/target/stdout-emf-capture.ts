/**
 * Handlers run in-process on the embedded target, so this process's stdout is their log. Lambda
 * sends a function's stdout to CloudWatch Logs, which turns its EMF lines into metrics; here the
 * same lines are taken off stdout and handed to a reader (EmfMetricLog), and every other line
 * passes through untouched. EMF lines are never printed: they are data, not something to read.
 */

type StdoutWrite = typeof process.stdout.write;

/** Starts taking EMF lines off stdout into `onLine`; returns the function that stops it. */
export function captureEmfLines(onLine: (line: string) => void): () => void {
  const original: StdoutWrite = process.stdout.write;
  const write = (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (!text.includes('"CloudWatchMetrics"')) return (original as (...args: unknown[]) => boolean).call(process.stdout, chunk, ...rest);
    for (const line of text.split('\n')) if (line.trim() !== '') onLine(line);
    const callback = rest.find((argument): argument is () => void => typeof argument === 'function');
    callback?.();
    return true;
  };
  process.stdout.write = write as StdoutWrite;
  return () => {
    if (process.stdout.write === (write as StdoutWrite)) process.stdout.write = original;
  };
}
