import type { Clock } from '../kernel/clock.js';

/**
 * How many questions one person may ask in a sliding minute. In memory on purpose: it protects the process
 * from a flood, and forgetting counts on restart harms nobody.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();
  constructor(
    private readonly perMinute: number,
    private readonly clock: Clock,
  ) {}

  /** true when `key` may go ahead now (and counts it) */
  allow(key: string): boolean {
    const now = this.clock.now().getTime();
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < 60_000);
    if (recent.length >= this.perMinute) {
      this.hits.set(key, recent);
      return false;
    }
    recent.push(now);
    this.hits.set(key, recent);
    if (this.hits.size > 10_000) this.sweep(now);
    return true;
  }

  private sweep(now: number): void {
    for (const [k, v] of this.hits) if (v.every((t) => now - t >= 60_000)) this.hits.delete(k);
  }
}
