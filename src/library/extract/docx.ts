import mammoth from 'mammoth';
import { parseDocument } from 'htmlparser2';
import type { Element } from 'domhandler';
import { UserError } from '../../kernel/errors.js';
import type { ParsedFile, ReadLimits, TextBlock } from '../model.js';
import { blocksToText } from '../blocks.js';
import { numberedParagraphs, type XmlParagraph } from './docx-numbering.js';
import { readZipEntries } from './zip.js';

/** mammoth's document tree, as far as it is read here */
interface MammothElement {
  type: string;
  children?: MammothElement[];
  value?: string;
  styleName?: string | null;
  styleId?: string | null;
  isBold?: boolean;
  isItalic?: boolean;
  numbering?: { isOrdered: boolean; level: string } | null;
  noteId?: string;
  noteType?: string;
  body?: MammothElement[];
}

const DOCUMENT = 'word/document.xml';
const NUMBERING = 'word/numbering.xml';
const CORE = 'docProps/core.xml';

/**
 * Word (.docx) through mammoth (its document tree: headings by style, bold and italic runs, tables, footnotes),
 * with list numbers read from the file's own numbering.xml (mammoth drops them). The archive is checked for
 * zip bombs before mammoth opens it.
 */
export async function readDocx(name: string, bytes: Uint8Array, limits: ReadLimits): Promise<ParsedFile> {
  const entries = await readZipEntries(name, bytes, [DOCUMENT, NUMBERING, CORE], Math.max(limits.maxFileBytes * 8, 200 * 1024 * 1024));
  const documentXml = entries.get(DOCUMENT)?.toString('utf8');
  if (!documentXml) throw new UserError('bad-docx', `${name} is not a Word file I can read (it has no document in it).`, 'Open it in Word or LibreOffice, save it again as .docx and add that copy.');
  let tree: MammothElement | undefined;
  try {
    await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        transformDocument: (doc: MammothElement) => {
          tree = doc;
          return doc;
        },
      },
    );
  } catch {
    throw new UserError('bad-docx', `${name} is not a Word file I can read (it is damaged).`, 'Open it in Word or LibreOffice, save it again as .docx and add that copy.');
  }
  const xmlParagraphs = numberedParagraphs(documentXml, entries.get(NUMBERING)?.toString('utf8'));
  const blocks = blocksOf(tree, xmlParagraphs);
  const { text } = blocksToText(blocks);
  return { format: 'docx', pages: null, blocks, text, stated: coreProperties(entries.get(CORE)?.toString('utf8')) };
}

function blocksOf(tree: MammothElement | undefined, xml: XmlParagraph[]): TextBlock[] {
  const blocks: TextBlock[] = [];
  const notes: TextBlock[] = [];
  let cursor = 0;
  const norm = (s: string) => s.replace(/\s+/g, '');
  /** the numbering.xml label of this paragraph: the next paragraph of document.xml with the same text */
  const labelOf = (text: string): XmlParagraph | undefined => {
    const t = norm(text);
    for (let k = cursor; k < Math.min(xml.length, cursor + 8); k++) {
      if (norm(xml[k]!.text) === t) {
        cursor = k + 1;
        return xml[k];
      }
    }
    return undefined;
  };
  const paragraph = (p: MammothElement, inTable: boolean): TextBlock | undefined => {
    const runs = runsOf(p);
    const text = runs.map((r) => r.text).join('');
    const x = labelOf(text);
    if (!text.trim()) return undefined;
    const letters = runs.reduce((n, r) => n + r.text.trim().length, 0);
    const bold = runs.filter((r) => r.bold).reduce((n, r) => n + r.text.trim().length, 0) > letters * 0.8;
    const italic = runs.filter((r) => r.italic).reduce((n, r) => n + r.text.trim().length, 0) > letters * 0.8;
    const heading = /^(heading|título|titre|title)\s*(\d)?/i.exec(p.styleName ?? '');
    const block: TextBlock = heading && !inTable
      ? { kind: 'heading', text: text.trim(), level: Number(heading[2] ?? 1) }
      : x?.label || x?.bullet || p.numbering
        ? { kind: 'list-item', text: text.trim(), ...(x?.number ? { number: x.number, ...(x.label && x.label !== `${x.number}.` ? { label: x.label } : {}) } : {}), ...(x?.bullet || (p.numbering && !p.numbering.isOrdered) ? { bullet: true } : {}), depth: x?.depth ?? Number(p.numbering?.level ?? 0) }
        : { kind: 'paragraph', text: text.trim() };
    if (heading && x?.label) block.text = `${x.label} ${block.text}`;
    if (bold) block.bold = true;
    if (italic) block.italic = true;
    const lead = !bold && !italic ? emphasisedLead(runs) : undefined;
    if (lead) block.lead = lead;
    return block;
  };
  const walk = (elements: MammothElement[] | undefined) => {
    for (const e of elements ?? []) {
      if (e.type === 'paragraph') {
        const b = paragraph(e, false);
        if (b) blocks.push(b);
      } else if (e.type === 'table') {
        for (const row of e.children ?? []) {
          const cells = (row.children ?? []).map((cell) =>
            (cell.children ?? [])
              .filter((c) => c.type === 'paragraph')
              .map((c) => paragraph(c, true)?.text ?? '')
              .filter(Boolean)
              .join(' '),
          );
          if (cells.some(Boolean)) blocks.push({ kind: 'table-row', text: cells.join(' | '), cells });
        }
      } else walk(e.children);
    }
  };
  walk(tree?.children);
  const allNotes = (tree as { notes?: { _notes?: Record<string, MammothElement> } } | undefined)?.notes?._notes ?? {};
  for (const note of Object.values(allNotes)) {
    const text = (note.body ?? []).map((p) => runsOf(p).map((r) => r.text).join('')).join(' ').trim();
    if (text && note.noteId && Number(note.noteId) > 0) notes.push({ kind: 'footnote', text, number: note.noteId });
  }
  return [...blocks, ...notes];
}

/** The italic or bold words a paragraph opens with (after a plain number such as "1. "), when plain words follow. */
export function emphasisedLead(runs: { text: string; bold: boolean; italic: boolean }[]): string | undefined {
  let k = 0;
  while (k < runs.length && !runs[k]!.bold && !runs[k]!.italic && /^\s*(?:\d{1,3}[.)]|\(?[a-z]\))?\s*$/i.test(runs[k]!.text)) k++;
  const kind = runs[k] && (runs[k]!.italic ? 'italic' : runs[k]!.bold ? 'bold' : null);
  if (!kind) return undefined;
  let lead = '';
  while (k < runs.length && (kind === 'italic' ? runs[k]!.italic : runs[k]!.bold)) lead += runs[k++]!.text;
  const rest = runs.slice(k).map((r) => r.text).join('');
  lead = lead.trim();
  return lead && lead.length <= 200 && rest.trim() ? lead : undefined;
}

function runsOf(e: MammothElement, style: { bold: boolean; italic: boolean } = { bold: false, italic: false }): { text: string; bold: boolean; italic: boolean }[] {
  if (e.type === 'text') return [{ text: e.value ?? '', ...style }];
  if (e.type === 'tab') return [{ text: ' ', ...style }];
  if (e.type === 'break') return [{ text: ' ', ...style }];
  if (e.type === 'noteReference') return []; // the note's number is not part of the words
  const next = e.type === 'run' ? { bold: Boolean(e.isBold), italic: Boolean(e.isItalic) } : style;
  return (e.children ?? []).flatMap((c) => runsOf(c, next));
}

function coreProperties(xml: string | undefined): ParsedFile['stated'] {
  if (!xml) return {};
  const dom = parseDocument(xml, { xmlMode: true });
  const find = (name: string): string | undefined => {
    const stack = [...dom.children];
    while (stack.length) {
      const n = stack.shift()!;
      if (n.type !== 'tag') continue;
      const e = n as Element;
      if (e.name === name) return e.children.map((c) => (c.type === 'text' ? c.data : '')).join('').trim() || undefined;
      stack.push(...e.children);
    }
    return undefined;
  };
  return { title: find('dc:title'), author: find('dc:creator'), date: find('dcterms:created'), language: find('dc:language') };
}
