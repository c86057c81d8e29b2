import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmdirSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished, type TestContext } from 'vitest';

/**
 * A real filesystem of `sizeMb` (a tmpfs), unmounted when the test finishes. Where mounting is not allowed
 * the test skips, saying why, except under CI=true, where it must run.
 */
export function smallDisk(ctx: TestContext, sizeMb: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'pw-small-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m,mode=0700`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (err) {
    rmdirSync(dir);
    const reason = `cannot mount a ${sizeMb} MB tmpfs here (needs root on Linux): ${String((err as Error).message).split('\n')[0]}`;
    if (process.env.CI === 'true') throw new Error(reason);
    console.log(`skipped: ${reason}`);
    ctx.skip();
  }
  onTestFinished(() => {
    execFileSync('umount', ['-l', dir]);
    rmdirSync(dir);
  });
  return dir;
}

/** Writes a file until the disk refuses (ENOSPC), down to single blocks. */
export function fillDisk(file: string): void {
  const fd = openSync(file, 'w');
  for (const size of [1 << 20, 64 << 10, 4 << 10, 512]) {
    const chunk = Buffer.alloc(size, 1);
    try {
      for (;;) writeSync(fd, chunk);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
    }
  }
  closeSync(fd);
}
