import { z } from 'zod';
import { UserError } from '../../kernel/errors.js';
import { reply } from '../../kernel/reply.js';
import type { Finding } from '../../ops/doctor.js';
import { noWords } from '../command-line.js';
import type { Command } from '../registry.js';

/** Operator commands (CLI only): index, backup, doctor. */

/** doctor's findings as a Reply (the CLI also prints it when the app cannot be built). */
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

export const indexCommand: Command<Record<string, never>> = {
  name: 'index',
  summary: 'Re-read the corpus folder and rebuild the saved search index.',
  usage: 'index',
  examples: ['index'],
  role: 'coordinator',
  platforms: ['cli'],
  args: z.object({}).strict(),
  parse: (line) => {
    if (line.words.length) throw new UserError('bad-arguments', '`index` takes no words.', 'Type `index` on its own.');
    return {};
  },
  async run(_args, { services }) {
    const corpus = services.corpus;
    if (!corpus.reindex) throw new UserError('no-index', 'This corpus has no saved index to rebuild.', 'Nothing to do.');
    const started = performance.now();
    const r = await corpus.reindex();
    const ms = Math.round(performance.now() - started);
    return reply(
      [
        { kind: 'heading', text: `Indexed ${r.documents.length} documents, ${r.passages} passages (${ms} ms).` },
        { kind: 'list', items: r.documents.map((d) => ({ label: d.id, text: d.title, detail: `${d.file}: ${d.passages} passages` })) },
        ...(r.skipped?.length ? [{ kind: 'list' as const, title: 'Left out of the corpus folder:', items: r.skipped.map((s) => ({ label: s.file, text: s.reason })) }] : []),
      ],
      { data: { documents: r.documents, passages: r.passages, ms, skipped: r.skipped ?? [] } },
    );
  },
};

const backupCommand: Command<{ file: string }> = {
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
};

const doctorCommand: Command<Record<string, never>> = {
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
};

export const operatorCommands: Command[] = [indexCommand, backupCommand, doctorCommand];
