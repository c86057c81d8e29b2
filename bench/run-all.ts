/**
 * `npm run bench`: runs every bench/*-bench.ts script in turn, each in its own process (so one bench's heap
 * never shows in another's figures), and prints what they print. Exits non-zero if any script failed.
 * Run a single one with `npx tsx bench/<name>-bench.ts`.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const scripts = readdirSync(here)
  .filter((f) => f.endsWith('-bench.ts'))
  .sort();

const failed: string[] = [];
for (const script of scripts) {
  process.stdout.write(`\n=== ${script} ===\n`);
  const started = performance.now();
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(here, script)], { stdio: 'inherit', cwd: join(here, '..') });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) failed.push(script);
  process.stdout.write(`--- ${script}: ${r.status === 0 ? 'done' : `failed (exit ${r.status ?? r.signal})`} in ${seconds} s\n`);
}
process.stdout.write(`\n${scripts.length - failed.length} of ${scripts.length} benches ran${failed.length ? `; failed: ${failed.join(', ')}` : ''}.\n`);
process.exitCode = failed.length ? 1 : 0;
