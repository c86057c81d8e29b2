import { z } from 'zod';
import { noWords } from '../core/command-line.js';
import { UserError } from '../core/errors.js';
import type { Command } from '../core/registry.js';
import { reply } from '../core/reply.js';
import type { Finding } from './doctor.js';

/** What operator commands need from the running app. */
export interface OpsService {
  backup(file: string): Promise<{ file: string; pages: number }>;
  doctor(): Promise<Finding[]>;
}

export function doctorReply(findings: Finding[]) {
  const problems = findings.filter((f) => !f.ok);
  return reply(
    [
      problems.length
        ? { kind: 'error', sentence: `doctor found ${problems.length} problem${problems.length === 1 ? '' : 's'}; each is listed with its fix.` }
        : { kind: 'heading', text: 'Everything checked is fine.' },
      { kind: 'list', items: findings.map((f) => ({ label: f.ok ? 'ok' : 'PROBLEM', text: `${f.check}: ${f.message}`, detail: f.fix })) },
    ],
    { data: { ok: problems.length === 0, findings } },
  );
}

export const opsCommands: Command[] = [
  {
    name: 'backup',
    summary: 'Write a consistent copy of the database to a file, while the bot runs.',
    usage: 'backup <file>',
    examples: ['backup /var/backups/pledgewatch-2026-11-23.db'],
    role: 'coordinator',
    platforms: ['cli'],
    args: z.object({ file: z.string({ message: 'Name the file to write the backup to.' }).min(1, 'Name the file to write the backup to.') }),
    parse: (line) => {
      if (line.words.length > 1) throw new UserError('extra-words', 'Name one file to write the backup to.', 'Quote a path with spaces: `backup "/var/backups/my copy.db"`.');
      return { file: line.words[0] };
    },
    async run({ file }, { services }) {
      const done = await services.ops.backup(file);
      return reply([{ kind: 'text', text: `Backup written to ${done.file} (${done.pages} pages). Restore it by stopping the bot and copying it over ${'pledgewatch.db'} in the data dir.` }], {
        data: { file: done.file, pages: done.pages },
      });
    },
  },
  {
    name: 'doctor',
    summary: 'Check the settings, the data dir, the index and the platform credentials.',
    usage: 'doctor',
    examples: ['doctor'],
    role: 'coordinator',
    platforms: ['cli'],
    args: z.object({}),
    parse: noWords,
    async run(_args, { services }) {
      return doctorReply(await services.ops.doctor());
    },
  },
];
