/**
 * better-sqlite3 is synchronous: a long run of SQL holds the event loop, and with it every Slack ack and
 * Matrix event. Long work is cut into slices of about SLICE_MS, with a turn of the event loop between them
 * (setImmediate: pending I/O is handled first).
 */
export const SLICE_MS = 10;

export const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Call between units of work: yields to the event loop once `sliceMs` have passed since the last yield. */
export function pacer(sliceMs = SLICE_MS): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < sliceMs) return;
    await yieldToLoop();
    last = performance.now();
  };
}

/**
 * Runs the steps of `work` (a generator that yields after each small unit) in write transactions of about
 * `sliceMs` each, yielding to the event loop between them. A unit never straddles two transactions, so
 * whatever a generator does between two yields is committed together. `afterSlice` runs inside each
 * transaction, last.
 */
export async function inSlices(transaction: <T>(fn: () => T) => T, work: Iterator<unknown>, afterSlice?: () => void, sliceMs: number = SLICE_MS): Promise<void> {
  for (;;) {
    const done = transaction(() => {
      const until = performance.now() + sliceMs;
      let finished = false;
      do finished = !!work.next().done;
      while (!finished && performance.now() < until);
      afterSlice?.();
      return finished;
    });
    if (done) return;
    await yieldToLoop();
  }
}
