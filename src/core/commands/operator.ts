import { z } from 'zod';
import { UserError } from '../errors.js';
import type { Command } from '../registry.js';
import { reply } from '../reply.js';

/** Operator commands (CLI only). */
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

export const operatorCommands: Command[] = [indexCommand];
