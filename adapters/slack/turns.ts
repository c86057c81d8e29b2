/** Answers wait while requests keep arriving, until this long has passed without one… */
export const QUIET_MS = 15;
/** …but never longer than this: a steady stream must not starve the answers. */
export const MAX_HOLD_MS = 1_000;

export interface AnswerTurns {
  /** a request arrived (before its ack): answers hold back a moment so the acks go first */
  arrived(): void;
  /** runs `job` when its turn comes: one start per event-loop turn, after a quiet moment */
  run<T>(job: () => Promise<T>): Promise<T>;
}

/**
 * When answers run. Answering is CPU work (a search takes tens of milliseconds, more on a busy machine); Slack
 * gives an ack 3 seconds. Started all at once, fifty answers ran back to back, and every request arriving
 * meanwhile (its connection, its body, its ack) waited for all of them. So answers start one per event-loop
 * turn, so the I/O between two starts waits for one answer at most, and not at all while requests are still
 * arriving: a burst is acked first, then answered. A job that awaits I/O does not hold the others up: the
 * next one starts in the next turn either way.
 */
export function answerTurns(now: () => number = () => performance.now()): AnswerTurns {
  const queue: Array<{ start: () => void; since: number }> = [];
  let lastArrival = -Infinity;
  let scheduled = false;
  const pump = () => {
    scheduled = false;
    const head = queue[0];
    if (!head) return;
    const t = now();
    const wait = Math.min(lastArrival + QUIET_MS, head.since + MAX_HOLD_MS) - t;
    if (wait > 0) {
      scheduled = true;
      setTimeout(pump, Math.ceil(wait));
      return;
    }
    queue.shift();
    // Microtasks run right after this callback, before the next turn: the job's synchronous work is done here.
    head.start();
    schedule();
  };
  const schedule = () => {
    if (scheduled || queue.length === 0) return;
    scheduled = true;
    setImmediate(pump);
  };
  return {
    arrived: () => void (lastArrival = now()),
    run: (job) =>
      new Promise((resolve, reject) => {
        queue.push({ start: () => void job().then(resolve, reject), since: now() });
        schedule();
      }),
  };
}
