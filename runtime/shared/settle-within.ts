/**
 * Waits for `promise` at most `ms`: resolves `true` when it resolved in time, `false` when it failed
 * or the time ran out. For Kafka offset commits, which can wait on a group rejoin for as long as a
 * rebalance lasts: a consumer that awaits them unbounded stops reading its partitions meanwhile.
 */
export async function settleWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true, () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
