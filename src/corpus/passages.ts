import type { Document, Passage } from './corpus.js';
import { cleanText } from './clean.js';

/** A passage plus the text the index and the quote picker read (footnotes and markup taken out). */
export interface IndexedPassage extends Passage {
  /** the passage's words without footnote markers, footnote paragraphs, list numbers or emphasis marks */
  body: string;
  /** the document's title and author, which the passage is also found by */
  source?: string;
  /**
   * a letter's date on a line of its own at its head ("July 11, 2018"): too short to rank as a passage, so it has no
   * index terms; it answers "when was the letter sent?" (letter-answers.ts)
   */
  dateLine?: boolean;
}

/** the months' names in English and Spanish */
export const MONTH_NAMES = 'january|february|march|april|may|june|july|august|september|october|november|december|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre';
/** a line that is a date and nothing else, a place perhaps before it ("July 11, 2018", "Ginebra, 5 de noviembre de 2013") */
const WHOLE_DATE = new RegExp(String.raw`^(?:[\p{L}. ]{2,30},\s*)?(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:de\s+|of\s+)?(?:${MONTH_NAMES}),?\s+(?:de\s+|del\s+)?\d{4}|(?:${MONTH_NAMES})\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})\.?$`, 'iu');

interface Line {
  start: number;
  end: number;
  text: string;
}

interface Block {
  start: number;
  end: number;
  lines: Line[];
}

/** "7. …", and a sub-numbered item such as a report's recommendation "140.12 …" */
const NUMBERED = /^\s*(\d{1,3}\.\d{1,3}(?:\.\d{1,3})*|\d{1,3}(?=\.))\.?\s+\S/;
const NUMBER_PREFIX = /^\s*(?:\d{1,3}\.\d{1,3}(?:\.\d{1,3})*\.?|\d{1,3}\.)\s+/;
/** a UPR recommendation as a working-group report numbers it: "140.50 Reduce overcrowding … (Libya);" */
const SUB_NUMBERED = /^\s*(\d{1,3}\.\d{1,3})\s+(?=\p{Lu})/u;
/** "140.57" or "140.240-241" alone on a line, the reply to that recommendation below it */
const LABEL_LINE = /^\s*(\d{1,3}\.\d{1,3}(?:[-–]\d{1,3})?)\s*$/;
/** a passage body longer than this is cut into passages of a few sentences (see sentenceChunks) */
const LONG_BODY = 1000;
const CHUNK = 600;
/** a numbered item (a question, a recommendation) is one thing to cite: cut only when very long */
const LONG_ITEM = 2000;
const BULLET = /^\s*[-•]\s+\S/;
const FOOTNOTE_PARAGRAPH = /^\s*[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s/;
/**
 * a paragraph ending like this is finished; otherwise a page break cut it (seed 003, seed 001 item 8). A UN report's
 * footnote mark after the full stop ("… of the Human Rights Council.7") finishes it too: read as unfinished, its
 * paragraph ran on over the page break into the next section's heading and paragraphs.
 */
const FINISHED = /(?:[.!?:;”"’)\]…]|[.!?”"’)][ \t]?\d{1,3})\s*$/;

type Current = { start: number; end: number; parts: string[]; number?: string; kind: 'item' | 'bullet' | 'prose' };

/**
 * Splits a document into passages that keep their section heading and their paragraph or item number.
 * Numbered items (questions, recommendations) are passages of their own and run on across paragraph breaks
 * while a quotation is still open or a sentence unfinished (seed 000 questions 3, 19 and 22); a paragraph a
 * page break cut in two is joined again, and the footnotes printed between its halves stay in its text but
 * not in its body (seed 003).
 */
export function splitPassages(doc: Document): IndexedPassage[] {
  const blocks = splitBlocks(doc.text);
  const passages: IndexedPassage[] = [];
  const itemWord = itemWordFor(doc);
  const source = [doc.title, doc.author, (doc.date ?? doc.dateLabel ?? '').match(/\b(19|20)\d\d\b/)?.[0]].filter(Boolean).join(' · ');
  let heading: string | undefined;
  let leadIn: string | undefined;
  let paragraph = 0;
  /** the next unnumbered paragraph's place ("§ Heading · ¶ 4") */
  const nextParagraph = () => (heading ? `§ ${heading} · ¶ ${++paragraph}` : `¶ ${++paragraph}`);
  let bulletCount = 0;

  // the signer's name alone on a line after "Yours sincerely," (too short to be a passage) opens the next passage,
  // their title, so that "Philip Lynch / Director – International Service for Human Rights" is one signature
  let signer: { start: number; text: string } | undefined;
  const push = (start: number, end: number, parts: string[], where: string | (() => string), number?: string, under = heading) => {
    if (signer && signer.start < start) {
      start = signer.start;
      parts = [signer.text, ...parts];
    }
    signer = undefined;
    const text = doc.text.slice(start, end).trim();
    const body = cleanText(parts.join(' '));
    // a letter's date line at its head, before its prose, is kept to answer when the letter was sent (never ranked)
    if (!number && doc.kind === 'letter' && !passages.some((p) => p.body.length > 200) && WHOLE_DATE.test(body) && body.split(' ').length < 4) {
      if (!passages.some((p) => p.dateLine)) passages.push({ id: `${doc.id}#${passages.length + 1}`, doc: doc.id, heading: under, where: 'date line', text, body, source, dateLine: true });
      return;
    }
    // page furniture ("Share", "PRESS", a date line) is not a passage; a numbered item always is
    if (!/\p{L}/u.test(body) || (!number && body.split(' ').length < 4)) return;
    if (typeof where === 'function') where = where();
    if (body.length <= (number ? LONG_ITEM : LONG_BODY)) {
      passages.push({ id: `${doc.id}#${passages.length + 1}`, doc: doc.id, heading: under, where, number, text, body, source });
      return;
    }
    // a long stretch (a page of prose with no blank lines, a list the splitter cannot see) is cut at sentence
    // ends into passages of a few sentences, so a question's words meet in one passage and its quote is near
    for (const [s, e] of sentenceChunks(doc.text, start, end)) {
      const lines = doc.text.slice(s, e).split('\n').filter((l) => !FOOTNOTE_PARAGRAPH.test(l));
      const chunkBody = cleanText(lines.map((l, k) => (k === 0 && s === start ? l.replace(/^\s*\d{1,3}\.\s+/, '') : l).replace(/^\s*[-•]\s+/, '')).join(' '));
      if (!/\p{L}/u.test(chunkBody)) continue;
      passages.push({ id: `${doc.id}#${passages.length + 1}`, doc: doc.id, heading: under, where, number, text: doc.text.slice(s, e).trim(), body: chunkBody, source });
    }
  };

  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b]!;
    const first = block.lines[0]!.text;
    if (!/\p{L}/u.test(block.lines.map((l) => l.text).join(' '))) continue; // page numbers, "• • •", "| | |"
    let pb = b - 1;
    while (pb >= 0 && !/\p{L}/u.test(blocks[pb]!.lines.map((l) => l.text).join(' '))) pb--;
    const previous = blocks[pb];
    if (previous && isClosing(previous.lines.at(-1)!.text) && block.lines.length === 1 && first.trim().split(/\s+/).length < 4 && !NUMBERED.test(first)) {
      signer = { start: block.start, text: first.trim() };
      continue;
    }

    // the signer's name followed on the page by the address block ("Volker Türk" / "Her Excellency Ms. …"): a
    // signature of its own, not the addressee's first line
    if (signer && opensAddress(first)) {
      const name = signer;
      signer = undefined;
      passages.push({ id: `${doc.id}#${passages.length + 1}`, doc: doc.id, heading, where: nextParagraph(), text: name.text, body: cleanText(name.text), source });
    }

    if (isHeading(blocks, b)) {
      heading = cleanText(first.replace(/:\s*$/, ''));
      leadIn = undefined;
      bulletCount = 0;
      continue;
    }

    if (FOOTNOTE_PARAGRAPH.test(first)) {
      const n = first.trim().match(/^[¹²³⁴⁵⁶⁷⁸⁹⁰]+/)![0];
      push(block.start, block.end, block.lines.map((l) => l.text.replace(FOOTNOTE_PARAGRAPH, '')), `footnote ${fromSuperscript(n)}`);
      continue;
    }

    // A block is read line by line: numbered items and bullets start passages, other lines continue them.
    let current: Current | undefined;
    // text from a Word file or a web page: a line is a whole paragraph, not a printed line
    const long = block.lines.filter((l) => l.text.trim().length > 60);
    const unwrapped = long.length > 1 && long.reduce((n, l) => n + l.text.trim().length, 0) / long.length > 160;
    const flush = () => {
      if (!current) return;
      const word = heading && /behalf|signator|signed/i.test(heading) ? 'signatory' : itemWord;
      if (current.kind === 'item') push(current.start, current.end, current.parts, label(word, heading, current.number!), current.number);
      else if (current.kind === 'bullet') push(current.start, current.end, current.parts, label(doc.itemWord === 'question' ? 'question' : 'recommendation', leadIn ?? heading, current.number!), current.number, leadIn ?? heading);
      // in a document whose paragraphs carry their own numbers (a report), an unnumbered one is not given one
      else if (itemWord === '¶') push(current.start, current.end, current.parts, heading ? `§ ${heading}` : '');
      else push(current.start, current.end, current.parts, nextParagraph);
      current = undefined;
    };
    for (let l = 0; l < block.lines.length; l++) {
      const line = block.lines[l]!;
      if (isInlineHeading(block.lines, l)) {
        flush();
        heading = cleanText(line.text);
        leadIn = undefined;
        bulletCount = 0;
        continue;
      }
      const numbered = NUMBERED.exec(line.text) ?? SUB_NUMBERED.exec(line.text);
      const labelOnly = LABEL_LINE.exec(line.text);
      if (labelOnly) {
        // a State's replies: the recommendation's number alone on a line, the reply under it
        flush();
        current = { start: line.start, end: line.end, parts: [], number: labelOnly[1], kind: 'item' };
      } else if (numbered) {
        flush();
        current = { start: line.start, end: line.end, parts: [line.text.replace(NUMBER_PREFIX, '')], number: numbered[1], kind: 'item' };
      } else if (BULLET.test(line.text) && current?.kind !== 'item') {
        flush();
        bulletCount++;
        current = { start: line.start, end: line.end, parts: [line.text.replace(/^\s*[-•]\s+/, '')], number: String(bulletCount), kind: 'bullet' };
      } else if (current && !(unwrapped && current.kind === 'prose' && FINISHED.test(current.parts.at(-1)!))) {
        current.end = line.end;
        current.parts.push(line.text.replace(/^\s*[-•]\s+/, ''));
      } else {
        flush();
        current = { start: line.start, end: line.end, parts: [line.text], kind: 'prose' };
      }
    }
    // Run the last passage of the block on into the next blocks while it is unfinished.
    while (current && b + 1 < blocks.length) {
      const joined = current.parts.join(' ');
      // a signature ends with its e-mail address, and the next one is another signature
      const unfinished = current.kind === 'item' ? !itemIsFinished(current.parts) : !FINISHED.test(joined) && joined.length > 80 && block.lines.length === 1 && !/\S@\S+\s*$/.test(joined);
      if (!unfinished) break;
      let n = b + 1;
      while (n < blocks.length && FOOTNOTE_PARAGRAPH.test(blocks[n]!.lines[0]!.text)) n++;
      const next = blocks[n];
      if (!next || isHeading(blocks, n) || NUMBERED.test(next.lines[0]!.text)) break;
      // the next block's numbered items after the lines that finish this one are items of their own: the rest of the
      // block is read as a block ("… self-determination.114" / "83. LEGEBITRA recommended …" after a page break)
      const at = next.lines.findIndex((l, k) => k > 0 && NUMBERED.test(l.text));
      if (at > 0) {
        const rest: Block = { start: next.lines[at]!.start, end: next.end, lines: next.lines.slice(at) };
        blocks.splice(n, 1, { start: next.start, end: next.lines[at - 1]!.end, lines: next.lines.slice(0, at) }, rest);
        current.end = blocks[n]!.end;
        current.parts.push(...blocks[n]!.lines.map((l) => l.text.replace(/^\s*[-•]\s+/, '')));
        b = n;
        break;
      }
      current.end = next.end;
      current.parts.push(...next.lines.map((l) => l.text.replace(/^\s*[-•]\s+/, '')));
      b = n;
    }
    flush();
    // a paragraph that introduces a list ("In particular, each candidate should:") heads its bullets
    const last = passages.at(-1);
    if (last && /:\s*$/.test(last.text) && !last.number) {
      leadIn = last.body.replace(/:\s*$/, '');
      bulletCount = 0;
    }
  }
  return passages;
}

function splitBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | undefined;
  const re = /[^\n]*(\n|$)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && m[0].length > 0) {
    const start = m.index;
    const lineText = m[0].replace(/\r?\n$/, '');
    const end = start + lineText.length;
    if (!lineText.trim()) {
      current = undefined;
    } else {
      if (!current) blocks.push((current = { start, end, lines: [] }));
      current.lines.push({ start, end, text: lineText });
      current.end = end;
    }
  }
  return blocks;
}

/**
 * a letter's closing line ("Yours sincerely,"), after which come the signatures; or the diplomatic formula that
 * closes a UN or ministry letter ("Please accept, Madam, the assurances of my highest consideration.", "Le ruego
 * acepte las seguridades de mi más alta consideración", "l'assurance de ma très haute considération")
 */
const CLOSING = new RegExp(
  String.raw`^\s*(sincerely|yours( sincerely| faithfully| truly)?|respectfully|kind regards|best regards|atentamente|cordialmente|signed|signatories|signatarios)\b[^.]{0,40}$` +
    String.raw`|\b(?:assurances?|expression|seguridad(?:es)?|testimonio|assurance)\s+(?:\p{L}+\s+){0,3}(?:my|our|mi|nuestra|ma|notre)\s+(?:\p{L}+\s+){0,3}(?:consideration|consideración|considération)\s*[.,]?\s*$`,
  'iu',
);
/** Whether a line closes a letter (see CLOSING): what follows is signed, not said. */
export function isClosing(line: string): boolean {
  return CLOSING.test(line.replace(/\s+/g, ' '));
}
/** an address block's opening: an honorific or "To:" ("Her Excellency Ms. …", "H. E. …", "To: …", "Attn …") */
const ADDRESS_OPENING = /^(?:(?:his|her|their|your)\s+excellenc(?:y|ies)|h\.\s?e\.|s\.\s?e\.|to:|a:|attn\b|excm[oa]\b)/i;
/** Whether a block opens with an address ("Her Excellency Ms. Tanja Fajon …"): it names the addressee. */
export function opensAddress(text: string): boolean {
  return ADDRESS_OPENING.test(text.trim());
}

/**
 * A heading is a one-line block, short, unpunctuated (or ending in a colon), followed by text rather than
 * by another short line (so an address block or a signature is not a run of headings).
 */
function isHeading(blocks: Block[], i: number): boolean {
  const block = blocks[i]!;
  if (block.lines.length !== 1) return false;
  const t = block.lines[0]!.text.trim();
  // a signature ("Amnesty International USA, Marselha Gonçalves Margerin, Advocacy Director…, name@aiusa.org")
  if (/\S@\S|https?:\/\//.test(t)) return false;
  let b = i - 1;
  while (b >= 0 && !/\p{L}/u.test(blocks[b]!.lines.map((l) => l.text).join(' '))) b--;
  const before = blocks[b];
  if (before && isClosing(before.lines.at(-1)!.text)) return false;
  if (t.length > 130 || t.length < 3 || !/^([\p{Lu}\d¿¡]|[a-z]\))/u.test(t) || BULLET.test(t) || FOOTNOTE_PARAGRAPH.test(t)) return false;
  if (/[.;,!?”"’)]$/.test(t)) return false;
  if (/:$/.test(t)) return true;
  const numbered = NUMBERED.test(t);
  let n = i + 1;
  while (n < blocks.length && !/\p{L}/u.test(blocks[n]!.lines.map((l) => l.text).join(' '))) n++;
  const next = blocks[n];
  if (!next) return false;
  const nextText = next.lines[0]!.text.trim();
  if (numbered && NUMBERED.test(nextText)) return false; // a list of short items (signatories)
  // "II. Indicators of the setbacks" may be followed by its first subsection heading
  if (/^[IVX]+\.\s/.test(t)) return true;
  return nextText.length > 100 || (nextText.length > 40 && /\.$/.test(nextText)) || next.lines.length > 1 || (NUMBERED.test(nextText) && !numbered) || /:$/.test(nextText);
}

/**
 * A line in capitals inside a block, followed by a paragraph ("BELGIUM" before Belgium's advance questions,
 * in text from a Word file where no blank line separates them), heads what follows.
 */
function isInlineHeading(lines: Line[], l: number): boolean {
  const t = lines[l]!.text.trim();
  const next = lines[l + 1]?.text.trim();
  if (!next || next.length < 60 || t.length < 3 || t.length > 60) return false;
  return /^\p{Lu}[\p{Lu}\s,'’&()-]+$/u.test(t) && /\p{Lu}{3}/u.test(t);
}

/**
 * [start, end) offsets of pieces of about CHUNK characters of doc text, cut after a sentence's end (or,
 * failing that, at a line end or a space), never longer than twice CHUNK.
 */
function sentenceChunks(text: string, start: number, end: number): [number, number][] {
  const ends: number[] = [];
  const re = /[.!?;]["”’)\]]*(?=\s+["“‘(¿¡]?[\p{Lu}\d])/gu;
  re.lastIndex = start;
  for (let m = re.exec(text); m && m.index < end; m = re.exec(text)) {
    // a glued footnote marker's full stop ("organisations2020. Discussed…") is inside a sentence: no cut there
    if (/[\p{L}\p{P}](\d{1,2})\1$/u.test(text.slice(Math.max(start, m.index - 5), m.index))) continue;
    ends.push(m.index + m[0].length);
  }
  const chunks: [number, number][] = [];
  let from = start;
  while (end - from > CHUNK * 1.5) {
    const limit = from + CHUNK * 2;
    let cut = ends.find((e) => e >= from + CHUNK && e <= limit) ?? [...ends].reverse().find((e) => e > from + CHUNK / 3 && e <= limit);
    if (cut === undefined) {
      const nl = text.lastIndexOf('\n', limit);
      const sp = text.lastIndexOf(' ', limit);
      cut = nl > from + CHUNK / 2 ? nl : sp > from + CHUNK / 2 ? sp : limit;
    }
    chunks.push([from, cut]);
    from = cut;
  }
  chunks.push([from, end]);
  return chunks;
}

/** An item is finished when its last sentence ends and its quotation marks are closed. */
function itemIsFinished(parts: string[]): boolean {
  const t = parts.join(' ');
  const opens = (t.match(/“/g) ?? []).length;
  const closes = (t.match(/”/g) ?? []).length;
  return FINISHED.test(t) && opens <= closes;
}

function label(word: string, heading: string | undefined, number: string): string {
  // a report's paragraph numbers run through the document: "¶ 45" says where it is on its own
  return heading && word !== '¶' ? `§ ${heading} · ${word} ${number}` : `${word} ${number}`;
}

/** What a numbered item is called in this document: a question, a recommendation, or an item. */
function itemWordFor(doc: Document): string {
  if (doc.itemWord) return doc.itemWord;
  if (/\bquestions\b/i.test(doc.title) || /^questions\b/im.test(doc.text)) return 'question';
  if (/\brecommendations?\b/i.test(doc.text)) return 'recommendation';
  return 'item';
}

function fromSuperscript(s: string): string {
  return [...s].map((c) => String('⁰¹²³⁴⁵⁶⁷⁸⁹'.indexOf(c))).join('');
}
