import { z } from 'zod';
import { UserError } from '../../kernel/errors.js';
import type { Command } from '../registry.js';
import { reply } from '../../kernel/reply.js';

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
  run(_args, { services }) {
    const corpus = services.corpus;
    if (!corpus.reindex) throw new UserError('no-index', 'This corpus has no saved index to rebuild.', 'Nothing to do.');
    const started = performance.now();
    const r = corpus.reindex();
    const ms = Math.round(performance.now() - started);
    return reply(
      [
        { kind: 'heading', text: `Indexed ${r.documents.length} documents, ${r.passages} passages (${ms} ms).` },
        { kind: 'list', items: r.documents.map((d) => ({ label: d.id, text: d.title, detail: `${d.file}: ${d.passages} passages` })) },
      ],
      { data: { documents: r.documents, passages: r.passages, ms } },
    );
  },
};

export const operatorCommands: Command[] = [indexCommand];
