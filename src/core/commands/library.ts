import { z } from 'zod';
import type { AddResult, Library } from '../../library/library.js';
import { KINDS, type LibraryKind } from '../../library/model.js';
import type { LibraryDocument } from '../../library/store.js';
import { UserError } from '../../kernel/errors.js';
import type { Command, CommandContext } from '../registry.js';
import { reply, type Block } from '../../kernel/reply.js';

/** The JSON contract of `npx pledgewatch documents --json` (issue 13): keep these names and shapes. */
export interface DocumentsData {
  documents: { doc: string; title: string; kind: string; format: string; date: string | null; pages: number | null; passages: number }[];
}

function libraryOf(ctx: CommandContext): Library {
  const library = ctx.services.library;
  if (!library) throw new UserError('no-library', 'This bot has no document library.', 'An operator runs it with a data dir.');
  return library;
}

const describe = (d: LibraryDocument) =>
  [d.symbol, d.kind, d.format.toUpperCase(), d.date ?? 'undated', d.pages ? `${d.pages} pages` : null, `${d.passages} passages`, `added by ${d.addedBy.replace(/^cli:/, '')} on ${d.addedAt.slice(0, 10)}`]
    .filter(Boolean)
    .join(' · ');

const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });

/**
 * What `add` says about one file, wherever it came from (the CLI, a file shared in Slack or Matrix): what the
 * library read (title, kind, format, date, symbol, pages, passages, language), or the file's one sentence.
 */
export function addedBlock(r: AddResult, library: Library): Block {
  if (r.error || !r.doc) return { kind: 'error', sentence: r.error ?? `${r.file} could not be added.`, hint: r.hint };
  const d = library.list().find((x) => x.id === r.doc);
  const language = d?.language ? (languageNames.of(d.language) ?? d.language) : undefined;
  const facts = [r.kind, r.format?.toUpperCase(), d ? (d.date ?? 'undated') : undefined, d?.symbol, r.pages ? `${r.pages} pages` : undefined, `${r.passages} passages`, language].filter(Boolean);
  return { kind: 'text', text: `Added ${r.file} as ${r.doc}: “${r.title}” (${facts.join(', ')}).` };
}

/** `add <file…>`: the operator's CLI reads each file and indexes it at once. */
export const addCommand: Command<{ files: string[] }> = {
  name: 'add',
  summary: 'Add PDF, Word (.docx), HTML, Markdown or text files to the library; they are searchable at once.',
  usage: 'add <file…>',
  examples: ['add reports/A-HRC-59-15.pdf', 'add questions.docx letter.html'],
  role: 'coordinator',
  platforms: ['cli'],
  args: z.object({ files: z.array(z.string()).min(1, 'Name the file to add, such as `add report.pdf`.') }),
  parse: (line) => ({ files: line.words }),
  async run({ files }, ctx) {
    const library = libraryOf(ctx);
    const read = ctx.services.readFile;
    if (!read) throw new UserError('no-files', 'Files cannot be read here.', 'Use `npx pledgewatch add <file>` on the bot’s machine.');
    const results: AddResult[] = [];
    for (const file of files) {
      let bytes: Uint8Array;
      try {
        bytes = await read(file);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        const sentence = code === 'ENOENT' ? `There is no file ${file}.` : code === 'EISDIR' ? `${file} is a folder, not a file.` : `${file} could not be read (${code ?? 'error'}).`;
        results.push({ file, doc: null, title: null, kind: null, format: null, pages: null, passages: 0, error: sentence });
        continue;
      }
      results.push(await library.add({ name: file, bytes }, ctx.actor.id));
    }
    const blocks: Block[] = results.map((r) => addedBlock(r, library));
    const data = results.map(({ hint: _hint, ...r }) => r);
    return reply(blocks, { visibility: 'asker', thread: true, data: data.length === 1 ? data[0] : data });
  },
};

export const documentsCommand: Command<Record<string, never>> = {
  name: 'documents',
  aliases: ['library', 'documentos'],
  summary: 'List the library: id, title, kind, date, format, pages, passages, who added it and when.',
  usage: 'documents',
  examples: ['documents'],
  role: 'member',
  args: z.object({}).strict(),
  parse: (line) => {
    if (line.words.length) throw new UserError('bad-arguments', '`documents` takes no words.', 'Type `documents` on its own.');
    return {};
  },
  run(_args, ctx) {
    const docs = libraryOf(ctx).list();
    const data: DocumentsData = {
      documents: docs.map((d) => ({ doc: d.id, title: d.title, kind: d.kind, format: d.format, date: d.date, pages: d.pages, passages: d.passages })),
    };
    return reply(
      [
        { kind: 'heading', text: `${docs.length} document${docs.length === 1 ? '' : 's'} in the library` },
        { kind: 'list', items: docs.map((d) => ({ label: d.id, text: d.title, detail: describe(d) })) },
      ],
      { data },
    );
  },
};

export const removeCommand: Command<{ doc: string }> = {
  name: 'remove',
  summary: 'Take a document out of the library (what the ledger tracked from it stays, marked as from a removed document).',
  usage: 'remove <document>',
  examples: ['remove a-hrc-59-15'],
  role: 'coordinator',
  args: z.object({ doc: z.string().min(1, 'Name the document to remove, such as `remove a-hrc-59-15`.') }),
  parse: (line) => {
    if (line.words.length > 1) throw new UserError('bad-arguments', '`remove` takes one document.', 'Type `documents` to see the ids.');
    return { doc: line.words[0] ?? '' };
  },
  run({ doc }, ctx) {
    const removed = libraryOf(ctx).remove(doc, ctx.actor.id);
    const tracked = ctx.services.ledger.markSourceRemoved?.(removed.id, ctx.actor.id) ?? 0;
    const blocks: Block[] = [{ kind: 'text', text: `Removed ${removed.id} (“${removed.title}”) from the library.` }];
    if (tracked) blocks.push({ kind: 'text', text: `The ledger keeps the ${tracked} question${tracked === 1 ? '' : 's'} tracked from it, marked as from a removed document.`, tone: 'muted' });
    return reply(blocks, { visibility: 'channel', data: { doc: removed.id, removed: true, trackedQuestions: tracked } });
  },
};

export const kindCommand: Command<{ doc: string; kind: LibraryKind }> = {
  name: 'kind',
  summary: `Correct what kind of document it is (${KINDS.join(', ')}).`,
  usage: 'kind <document> <kind>',
  examples: ['kind a-hrc-59-15 report', 'kind questions-to-chile questions'],
  role: 'coordinator',
  args: z.object({
    doc: z.string().min(1, 'Name the document, such as `kind a-hrc-59-15 report`.'),
    kind: z.enum(KINDS as [LibraryKind, ...LibraryKind[]], { message: `The kind is one of ${KINDS.join(', ')}.` }),
  }),
  parse: (line) => ({ doc: line.words[0] ?? '', kind: (line.words[1] ?? '').toLowerCase() }),
  run({ doc, kind }, ctx) {
    const d = libraryOf(ctx).setKind(doc, kind, ctx.actor.id);
    return reply([{ kind: 'text', text: `${d.id} is now a ${d.kind}.` }], { visibility: 'channel', data: { doc: d.id, kind: d.kind } });
  },
};

export const libraryCommands: Command[] = [documentsCommand, addCommand, removeCommand, kindCommand];
