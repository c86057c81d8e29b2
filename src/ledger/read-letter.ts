import type { Document, DocumentMeta } from '../corpus/corpus.js';
import { UserError } from '../kernel/errors.js';
import { foldAccents } from '../kernel/text.js';
import type { TextBlock } from '../library/model.js';
import { findDeadline } from './deadline.js';
import { extractLetter, findLetterDate, type ExtractedLetter } from './extract.js';
import { readLayout } from './layout.js';
import { findRecipientsInHead } from './recipient.js';
import type { StateDirectory } from './states.js';

/** What `track` shows before saving: the letter as read, and what the reading is unsure of. */
export interface LetterPreview extends ExtractedLetter {
  warnings: string[];
}

const NOT_LETTERS = new Set(['report', 'article', 'statement']);

/**
 * Reads a document for `track`. Letters and question lists (kind letter, questions or other) are read from the
 * library's block model when the file has one (PDF, Word, HTML), else from their text (seeds 000 and 001 are
 * read as they always were). A report, article or statement gives no questions and says so.
 */
export function readLetter(doc: Document, blocks: TextBlock[] | null, states: StateDirectory): LetterPreview {
  const empty: LetterPreview = { letter: doc.id, title: doc.title, date: doc.date, sender: doc.author ?? null, states: [], deadline: null, deadlineText: null, questions: [], warnings: [] };
  if (NOT_LETTERS.has(doc.kind)) {
    return { ...empty, warnings: [`I found no numbered questions to a State in “${doc.title}”: it reads as ${doc.kind === 'article' ? 'an' : 'a'} ${doc.kind}, not a letter. If it is a letter, a coordinator can say so with \`kind ${doc.id} letter\`.`] };
  }
  if (!blocks) {
    const old = extractLetter({ ...doc, kind: 'letter' }, states);
    if (old) return { ...old, warnings: deadlineWarnings(old) };
  }
  const layout = readLayout(blocks ?? textBlocks(doc.text), states);
  const metaState = doc.recipient ? states.find(doc.recipient) : undefined;
  const recipients = metaState ? [metaState.id] : findRecipientsInHead([doc.title, ...layout.head.slice(0, 25).filter((l) => l.length <= 200)], states);
  const { deadline, deadlineText } = findDeadline(doc.text);
  const letter: LetterPreview = {
    ...empty,
    date: doc.date ?? findLetterDate(doc.text),
    states: recipients,
    deadline,
    deadlineText,
    questions: layout.questions.map((q, ordinal) => ({ label: q.label, ordinal, text: q.text, askedBy: q.askedBy.length ? q.askedBy : doc.author ? [doc.author] : [], scope: q.scope, duringEvent: false, section: q.section })),
    warnings: [],
  };
  const asking = letter.questions.filter((q) => /[?¿]/.test(q.text)).length;
  if (doc.kind === 'other' && letter.questions.length && asking * 2 < letter.questions.length) {
    // numbered paragraphs that mostly ask nothing are a report's or a statement's, not a letter's questions
    return { ...empty, warnings: [`I found no numbered questions to a State in “${doc.title}”: ${letter.questions.length - asking} of its ${letter.questions.length} numbered paragraphs ask nothing, so it does not read as a letter. If it is one, a coordinator can say so with \`kind ${doc.id} letter\`.`] };
  }
  const warnings: string[] = [];
  if (!letter.questions.length) warnings.push(`I found no numbered questions to a State in “${doc.title}”.`);
  if (!recipients.length) warnings.push('I could not tell which State it is addressed to (no “Permanent Mission of …”, address or “questions to …” in its head).');
  if (recipients.length > 1) warnings.push(`It seems addressed to several States (${recipients.map((id) => states.byId(id)?.name ?? id).join(', ')}); the questions are tracked for each.`);
  letter.warnings = [...warnings, ...layout.warnings, ...(letter.questions.length ? deadlineWarnings(letter) : [])];
  return letter;
}

/** The warning a letter without a usable deadline gets (none when it has one). */
export function deadlineWarnings(letter: ExtractedLetter): string[] {
  if (letter.deadline) return [];
  return [letter.deadlineText ? `It asks for answers “${letter.deadlineText}”: the deadline stays open until a coordinator sets one.` : 'It gives no deadline: it stays open until a coordinator sets one (`deadline <State> <letter> YYYY-MM-DD`).'];
}

/** Plain text and Markdown as blocks: paragraphs apart by blank lines, "# " headings, "**bold**" lines, list items. */
export function textBlocks(text: string): TextBlock[] {
  const out: TextBlock[] = [];
  for (const para of text.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    for (const raw of para.split(/\n(?=\s*(?:[-*•]\s|\d{1,3}[.)]\s|#))/)) {
      const t = raw.replace(/\s*\n\s*/g, ' ').trim();
      if (!t) continue;
      const h = /^(#{1,6})\s+(.*)$/.exec(t);
      if (h) out.push({ kind: 'heading', level: h[1]!.length, text: h[2]! });
      else if (/^\*\*[^*]+\*\*:?$/.test(t)) out.push({ kind: 'paragraph', bold: true, text: t.replace(/\*/g, '') });
      else if (/^[-*•]\s+/.test(t)) out.push({ kind: 'list-item', bullet: true, text: t.replace(/^[-*•]\s+/, '') });
      else out.push({ kind: 'paragraph', text: t });
    }
  }
  return out;
}

const fold = (s: string) => foldAccents(s).toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * The document a person means: its id, file name or UN symbol, else any unique part of its id or title
 * ("slovenia-2025", "advance questions"). Several matches are listed in the error, so the person can pick one.
 */
export function findDocument(ref: string, docs: DocumentMeta[]): DocumentMeta {
  const wanted = ref.trim();
  const w = fold(wanted);
  const exact = docs.find((d) => d.id === wanted.toLowerCase() || d.file === wanted || (d.symbol && fold(d.symbol) === w));
  if (exact) return exact;
  if (!w) throw new UserError('unknown-document', 'Which document?', 'Type `documents` to see the ids.');
  const matches = docs.filter((d) => fold(d.id).includes(w) || fold(d.title).includes(w) || fold(d.id.replace(/-/g, ' ')).includes(w) || (d.symbol && fold(d.symbol).includes(w)));
  if (matches.length === 1) return matches[0]!;
  if (!matches.length) throw new UserError('unknown-document', `There is no document "${wanted.slice(0, 60)}" in the library.`, 'Type `documents` to see the ids; any unique part of an id or title will do.');
  const shown = matches.slice(0, 6).map((d) => `${d.id} (“${d.title.slice(0, 60)}”)`);
  const more = matches.length > shown.length ? ` and ${matches.length - shown.length} more` : '';
  throw new UserError('ambiguous-document', `"${wanted.slice(0, 60)}" could mean ${matches.length} documents: ${shown.join(', ')}${more}.`, 'Name one of them by its id.');
}
