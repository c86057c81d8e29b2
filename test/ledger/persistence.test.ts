import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../fakes/temp-dir.js';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');

/** The real CLI, as an operator types it (`npx pledgewatch …`), in a process of its own. */
async function pledgewatch(dataDir: string, ...args: string[]) {
  const { stdout } = await run('npx', ['--no-install', 'pledgewatch', ...args], { cwd: root, env: { ...process.env, PLEDGEWATCH_DATA_DIR: dataDir, PLEDGEWATCH_LOG_LEVEL: 'warn' } });
  return stdout;
}
const owed = async (dir: string) =>
  (JSON.parse(await pledgewatch(dir, 'outstanding', 'Mexico', '--json')) as { outstanding: { letter: string; number: string }[] }).outstanding
    .filter((q) => q.letter === 'ishr-2020-mexico-questions')
    .map((q) => q.number);

describe('the ledger on disk', () => {
  it('keeps a response recorded by one process for the next', async () => {
    const dir = tempDir();
    expect(await owed(dir)).toHaveLength(36);
    expect(await pledgewatch(dir, 'answered', 'Mexico', '5', '--as', 'alice')).toMatch(/question 5 recorded as answered/);
    const left = await owed(dir);
    expect(left).toHaveLength(35);
    expect(left).not.toContain('5');
  });

  it('loses neither of two answers recorded by two processes at the same moment, even on a fresh data dir', async () => {
    const dir = tempDir();
    await Promise.all([
      pledgewatch(dir, 'answered', 'Mexico', '1-10', '--as', 'alice'),
      pledgewatch(dir, 'declined', 'Mexico', '20-30', '--as', 'bob'),
      pledgewatch(dir, 'partial', 'Mexico', '31', '--as', 'carol'),
    ]);
    expect(await owed(dir)).toEqual(['11', '12', '13', '14', '15', '16', '17', '18', '19', '32', '33', '34', '35', '36']);
    const csv = await pledgewatch(dir, 'export', 'Mexico', 'csv');
    expect(csv).toMatch(/,1,.*,answered,,cli:alice,/);
    expect(csv).toMatch(/,25,.*,declined,,cli:bob,/);
  });
});
