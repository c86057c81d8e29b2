import type { TextBlock } from '../model.js';

/** A text item as pdfjs places it: baseline position (points, origin bottom left), width, font size and style. */
export interface PdfItem {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
  bold: boolean;
  italic: boolean;
}

export interface PdfPage {
  number: number;
  width: number;
  height: number;
  items: PdfItem[];
}

interface Line {
  page: number;
  y: number;
  x0: number;
  x1: number;
  size: number;
  bold: boolean;
  italic: boolean;
  /** the text without raised footnote markers */
  text: string;
  /** the leading raised marker, when the line starts with one (a footnote's number) */
  marker?: string;
  /** the italic or bold words the line opens with (after a plain number) when plain words follow: an asker */
  lead?: string;
  column: number;
}

const ZONE = 0.09;
const SUPERSCRIPT_MARK = /^(\d{1,3}|\*{1,3}|[a-z])$/;
const PAGE_NUMBER = /^(page\s*)?[-–]?\s*#\s*[-–]?(\s*(of|\/|de)\s*#)?$/i;
const JOB_NUMBER = /^(ge|gv|ny|v)\.\d{2}-\d{3,}/i;
const SENTENCE_END = /[.!?:;”"’)\]]$/;
/** "12. …" and "140.1 …": a numbered paragraph or recommendation (not "16 June…") */
const NUMBERED = /^(\d{1,3}\.\d{1,3}(?:\.\d{1,3})*|\d{1,3})\.?\s+(\S.*)$/;
const BULLET = /^[•●▪◦■–-]\s+(\S.*)$/;

/**
 * Reading-order blocks from positioned text: lines from items sharing a baseline, two columns read one after
 * the other, running headers and footers (repeated on the pages' edges), page numbers and UN job-number footers
 * ("GE.25-02819") dropped, raised footnote markers taken off the words they follow ("treaties11." never
 * happens), footnotes kept as footnote blocks, words split by a hyphen at a line end joined again, and a
 * paragraph a page break cut kept whole (with the page it starts on).
 */
export function layoutPages(pages: PdfPage[]): { blocks: TextBlock[]; furniture: string[] } {
  const perPage = pages.map((p) => ({ page: p, lines: linesOf(p) }));
  const repeated = repeatedEdgeLines(perPage.map(({ page, lines }) => ({ page, lines })));
  const dropped: string[] = [];
  const body: Line[][] = perPage.map(({ page, lines }) =>
    lines.filter((l) => {
      const drop = isFurniture(l, page, repeated);
      if (drop && dropped.length < 50) dropped.push(l.text);
      return !drop;
    }),
  );
  const bodySize = commonSize(body.flat());

  const blocks: TextBlock[] = [];
  let current: { block: TextBlock; last: Line } | undefined;
  let queued: TextBlock[] = [];
  const close = () => {
    if (current) blocks.push(finish(current.block));
    current = undefined;
    blocks.push(...queued);
    queued = [];
  };

  for (const lines of body) {
    // footnotes: smaller type below the page's last line of body type
    const lowestBody = Math.min(...lines.filter((l) => l.size >= bodySize - 0.5).map((l) => l.y), Infinity);
    const notes = lines.filter((l) => l.size < bodySize - 0.5 && l.y < lowestBody);
    const pageNotes = footnotesOf(notes);
    for (const line of lines) {
      if (notes.includes(line)) continue;
      const numbered = numberOf(line.text);
      const bullet = BULLET.exec(line.text);
      if (current && continues(current, line, Boolean(numbered || bullet))) {
        current.block.text = joinLines(current.block.text, line.text);
        current.last = line;
        continue;
      }
      close();
      const block: TextBlock = numbered
        ? { kind: 'paragraph', text: numbered.text, number: numbered.number, page: line.page }
        : bullet
          ? { kind: 'list-item', text: bullet[1]!, bullet: true, page: line.page }
          : { kind: 'paragraph', text: line.text, page: line.page, ...(line.size >= bodySize + 1.5 ? { level: line.size >= bodySize + 3 ? 1 : 2 } : {}) };
      if (line.bold) block.bold = true;
      if (line.italic) block.italic = true;
      if (line.lead && !line.bold && !line.italic) block.lead = line.lead;
      current = { block, last: line };
    }
    // a paragraph still open at the page's end runs on; the page's footnotes wait until it ends
    if (current && SENTENCE_END.test(current.block.text.trim())) close();
    queued.push(...pageNotes);
    if (!current) close();
  }
  close();
  return { blocks: blocks.filter((b) => /\p{L}|\d/u.test(b.text)), furniture: dropped };
}

function continues(current: { block: TextBlock; last: Line }, line: Line, starts: boolean): boolean {
  const { block, last } = current;
  if (starts || Boolean(block.bold) !== line.bold || Math.abs(last.size - line.size) > 0.6) return false;
  const samePlace = last.page === line.page && last.column === line.column;
  if (samePlace) {
    const gap = last.y - line.y;
    return gap > 0 && gap <= line.size * (block.level ? 1.35 : 1.65);
  }
  // a new page or column: the paragraph runs on when its sentence is unfinished
  return !block.level && !SENTENCE_END.test(block.text.trim());
}

function numberOf(text: string): { number: string; text: string } | undefined {
  const m = NUMBERED.exec(text);
  if (!m) return undefined;
  // "12." needs its full stop; "140.1" does not
  if (!m[1]!.includes('.') && !new RegExp(`^${m[1]}\\.`).test(text)) return undefined;
  return { number: m[1]!, text: m[2]! };
}

/** Joins a line to the text before it: a word split by a hyphen (or a soft hyphen) at the line end is one word again. */
export function joinLines(before: string, next: string): string {
  const b = before.replace(/\s+$/, '');
  const n = next.replace(/^\s+/, '');
  if (b.endsWith('\u00ad')) return b.slice(0, -1) + n;
  if (/\p{Ll}-$/u.test(b) && /^\p{Ll}/u.test(n)) return b.slice(0, -1) + n;
  return `${b} ${n}`;
}

/** The block's text tidied; a short unnumbered block set in bold or larger type that ends no sentence is a heading. */
function finish(block: TextBlock): TextBlock {
  const text = block.text.replace(/\u00ad/g, '').replace(/\s+/g, ' ').trim();
  const heading = block.kind === 'paragraph' && (block.bold || block.level) && text.length <= 160 && !/[.;,:]$/.test(text);
  if (heading) {
    // "1. Right to life…" in bold is a numbered heading, not paragraph 1
    const { number, level, ...rest } = block;
    return { ...rest, kind: 'heading', text: number ? `${number}. ${text}` : text, level: level ?? 2 };
  }
  const { level: _level, ...rest } = block;
  return { ...rest, text };
}

function footnotesOf(lines: Line[]): TextBlock[] {
  const notes: TextBlock[] = [];
  for (const line of lines) {
    const leading = line.marker ?? /^(\d{1,3}|\*{1,3})\s+/.exec(line.text)?.[1];
    const text = line.marker ? line.text : line.text.replace(/^(\d{1,3}|\*{1,3})\s+/, '');
    if (leading || !notes.length) notes.push({ kind: 'footnote', text, number: leading, page: line.page });
    else notes[notes.length - 1]!.text = joinLines(notes[notes.length - 1]!.text, text);
  }
  return notes.map(finish);
}

/** Items on one baseline make a line (a raised marker joins the line it sits on); two columns are told apart by the gutter. */
function linesOf(page: PdfPage): Line[] {
  const items = page.items.filter((i) => i.str.trim().length > 0).sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: PdfItem[][] = [];
  for (const item of items) {
    const g = groups.find((g) => Math.abs(g[0]!.y - item.y) <= 0.3 * Math.min(g[0]!.size, item.size));
    if (g) g.push(item);
    else groups.push([item]);
  }
  // a raised footnote marker has a baseline of its own: it joins the line just below it
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i]!;
    if (!g.every((it) => SUPERSCRIPT_MARK.test(it.str.trim()))) continue;
    const below = groups
      .filter((o) => o !== g && o[0]!.y < g[0]!.y && g[0]!.y - o[0]!.y <= 0.7 * o[0]!.size && g[0]!.size < 0.85 * Math.max(...o.map((x) => x.size)))
      .sort((a, b) => b[0]!.y - a[0]!.y)[0];
    if (below) {
      below.push(...g);
      groups.splice(i--, 1);
    }
  }
  // segments: a line cut where a gap is wider than a column gutter
  const segments: PdfItem[][] = [];
  for (const g of groups) {
    g.sort((a, b) => a.x - b.x);
    let seg: PdfItem[] = [];
    for (const item of g) {
      const prev = seg.at(-1);
      if (prev && item.x - (prev.x + prev.width) > Math.max(18, 2.2 * Math.max(prev.size, item.size))) {
        segments.push(seg);
        seg = [];
      }
      seg.push(item);
    }
    if (seg.length) segments.push(seg);
  }
  const mid = page.width / 2;
  const inBody = (s: PdfItem[]) => s[0]!.y > page.height * ZONE && s[0]!.y < page.height * (1 - ZONE);
  const left = segments.filter((s) => inBody(s) && s.at(-1)!.x + s.at(-1)!.width < mid + 6).length;
  const right = segments.filter((s) => inBody(s) && s[0]!.x > mid - 6).length;
  const twoColumns = left >= 3 && right >= 3 && right / (left + right) >= 0.25;
  let lines = segments.map((s) => toLine(page.number, s, twoColumns && s[0]!.x > mid - 6 ? 1 : 0));
  if (!twoColumns) lines = mergeSegments(lines);
  // reading order: the left column top to bottom, then the right one; a line across both comes where it stands
  if (twoColumns) {
    const columnTop = Math.max(...lines.filter((l) => l.column === 1).map((l) => l.y));
    const spanning = (l: Line) => l.x0 < mid - 6 && l.x1 > mid + 6;
    const head = lines.filter((l) => spanning(l) && l.y > columnTop);
    const rest = lines.filter((l) => !head.includes(l));
    lines = [...head, ...rest.filter((l) => l.column === 0), ...rest.filter((l) => l.column === 1)];
  }
  return lines;
}

/** In one column, segments on the same baseline are one line again (a label and its tabbed value). */
function mergeSegments(lines: Line[]): Line[] {
  const out: Line[] = [];
  for (const l of lines) {
    const prev = out.at(-1);
    if (prev && prev.page === l.page && Math.abs(prev.y - l.y) < 0.5 && l.x0 > prev.x1) {
      out[out.length - 1] = { ...prev, x1: l.x1, text: `${prev.text} ${l.text}`, size: Math.max(prev.size, l.size), bold: prev.bold && l.bold };
    } else out.push(l);
  }
  return out;
}

function toLine(page: number, items: PdfItem[], column: number): Line {
  // the line's own type: the size most of its characters have
  const bySize = new Map<number, number>();
  for (const i of items) bySize.set(round(i.size), (bySize.get(round(i.size)) ?? 0) + i.str.length);
  const size = [...bySize].sort((a, b) => b[1] - a[1])[0]![0];
  const main = items.filter((i) => round(i.size) === size);
  const baseline = main[0]!.y;
  let text = '';
  let marker: string | undefined;
  let prev: PdfItem | undefined;
  for (const item of items) {
    const raised = item.size < size * 0.85 && item.y > baseline + size * 0.15 && SUPERSCRIPT_MARK.test(item.str.trim());
    if (raised) {
      if (!text.trim()) marker = item.str.trim(); // a footnote's own number
      prev = item;
      continue; // a footnote marker in running text is not part of the words
    }
    if (prev && text && !/\s$/.test(text) && !/^\s/.test(item.str) && item.x - (prev.x + prev.width) > Math.max(prev.size, item.size) * 0.18) text += ' ';
    text += item.str;
    prev = item;
  }
  const chars = items.reduce((n, i) => n + i.str.trim().length, 0);
  const lead = emphasisedLead(items);
  const boldChars = items.filter((i) => i.bold).reduce((n, i) => n + i.str.trim().length, 0);
  const italicChars = items.filter((i) => i.italic).reduce((n, i) => n + i.str.trim().length, 0);
  return {
    page,
    y: baseline,
    x0: items[0]!.x,
    x1: items.at(-1)!.x + items.at(-1)!.width,
    size,
    bold: boldChars > chars * 0.8,
    italic: italicChars > chars * 0.8,
    text: text.replace(/\s+/g, ' ').trim(),
    marker,
    ...(lead ? { lead } : {}),
    column,
  };
}

/** The italic (or bold) items a line opens with, after a plain "1." or "(a)", when plain words follow them. */
function emphasisedLead(items: PdfItem[]): string | undefined {
  let k = 0;
  while (k < items.length && !items[k]!.bold && !items[k]!.italic && /^\s*(?:\d{1,3}[.)]|\(?[a-z]\))?\s*$/i.test(items[k]!.str)) k++;
  const first = items[k];
  if (!first || (!first.italic && !first.bold)) return undefined;
  const same = (i: PdfItem) => (first.italic ? i.italic : i.bold) || !i.str.trim();
  let lead = '';
  while (k < items.length && same(items[k]!)) lead += (lead && !/\s$/.test(lead) && !/^\s/.test(items[k]!.str) ? ' ' : '') + items[k++]!.str;
  const rest = items.slice(k).map((i) => i.str).join('').trim();
  lead = lead.replace(/\s+/g, ' ').trim();
  return lead && rest && lead.length <= 200 ? lead : undefined;
}

const round = (n: number) => Math.round(n * 2) / 2;
const edgeKey = (text: string) => text.replace(/\d+/g, '#').replace(/\s+/g, ' ').trim().toLowerCase();
const zoneOf = (l: Line, page: PdfPage) => (l.y > page.height * (1 - ZONE) ? 'top' : l.y < page.height * ZONE ? 'bottom' : undefined);

/** Lines at the top or bottom edge that recur on many pages (digits aside): running headers and footers. */
function repeatedEdgeLines(pages: { page: PdfPage; lines: Line[] }[]): Set<string> {
  const counts = new Map<string, number>();
  for (const { page, lines } of pages) {
    const seen = new Set<string>();
    for (const l of lines) {
      const zone = zoneOf(l, page);
      if (zone) seen.add(`${zone}:${edgeKey(l.text)}`);
    }
    for (const k of seen) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const min = Math.max(2, Math.ceil(pages.length * 0.4));
  return new Set([...counts].filter(([, n]) => n >= min && pages.length >= 2).map(([k]) => k));
}

function isFurniture(l: Line, page: PdfPage, repeated: Set<string>): boolean {
  const zone = zoneOf(l, page);
  const key = edgeKey(l.text);
  if (JOB_NUMBER.test(l.text) || /^\*\d{5,}\*$/.test(l.text) || /^please recycle/i.test(l.text)) return true;
  if (!zone) return false;
  return PAGE_NUMBER.test(key) || repeated.has(`${zone}:${key}`);
}

/** The body text's size: the size most characters are set in. */
function commonSize(lines: Line[]): number {
  const bySize = new Map<number, number>();
  for (const l of lines) bySize.set(l.size, (bySize.get(l.size) ?? 0) + l.text.length);
  return [...bySize].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 10;
}
