import type { TextBlock } from '../library/model.js';
import { DURING_EVENT, splitAskers } from './extract.js';
import type { StateDirectory } from './states.js';

/**
 * Reads the questions of a letter or question list from the library's document model (text blocks with their
 * list numbering, headings and emphasis), whatever its layout:
 * - numbered questions: "1.", "1)", "Q1", "(a)", or Word's own list numbering (the block's number);
 * - unnumbered paragraphs or bullets under an asker's heading ("BELGIUM") or a heading about questions;
 * - sections whose numbering restarts ("1.1", "2.1": labelled by section, as the ledger does for seed 001);
 * - askers as headings over several questions (a State's name, an organisation in capitals) or per question
 *   ("Belgium: …", "PORTUGAL on behalf of the Group of Friends …: …"), "on behalf of …" kept in the asker.
 * It says what it is unsure of, and reads nothing before the body or after the closing.
 */

export interface LaidOutQuestion {
  label: string;
  text: string;
  askedBy: string[];
  section: string | null;
  scope: 'state' | 'all';
}

export interface Layout {
  /** the blocks before the first heading or question: title, address block, salutation, introduction */
  head: string[];
  questions: LaidOutQuestion[];
  warnings: string[];
}

const CLOSING = /^\s*(your excellenc(y|ies)\b|we look forward|yours (sincerely|faithfully|truly)|sincerely\b|kind regards|best regards|signed\b|atentamente|cordialmente|le saludamos|aprovechamos|reciba|veuillez (agréer|accepter)|je vous prie|nous vous prions|dans l['’]attente|en espera de)/i;
/** a number written at the start of a paragraph: "1.", "1)", "Q1", "Q1.", "(a)", "a)", "1.2" */
const LEADING_NUMBER = /^\s*(?:(\d{1,3}(?:\.\d{1,2})?)[.)]|Q\.?\s?(\d{1,3})[.:)]?|\(([a-z]|\d{1,3})\)|([a-z])\))\s+(?=\S)/i;
/** headings that name a part of the letter, never an asker */
const GENERIC_HEADING = /\b(questions?|preguntas?|recommendations?|recomendaciones?|recommandations?|introduc|section|secci[oó]n|part|parte|partie|annex|anexo|annexe|topic|tema|th[eè]me|general|conclusi|background|contexte?|contexto|summary|resumen|résumé|advance|anticipad|préalables?|écrites?)\b/i;
const ON_BEHALF = /\b(?:on behalf o[fn]|en nombre de|au nom d[eu]|au nom des)\b/i;
const ALL_CANDIDATES = /\b(all|each|every) candidate|\btodos los (estados )?candidatos|\btous les (états )?candidats/i;

interface Item {
  number: string | null;
  text: string[];
  askers: string[];
  heading: string | null;
  askerHeading: string | null;
  joint: boolean;
}

/** "I. Personas defensoras", "IV. Civic space", "B. Women's rights": a numbered section of the body */
const SECTION_HEADING = /^(?:[IVX]{1,5}|[A-H])\.\s+\S/;

/** a request without a question mark: "Please describe …", "Sírvase indicar …", "Veuillez préciser …" */
const ASKS = /^(please|kindly|describe|explain|provide|indicate|clarify|specify|share|sírvase|sirvanse|describa|explique|indique|proporcione|informe|veuillez|merci de|décrivez|expliquez|indiquez|précisez)\b/i;

const isCaps = (t: string) => /\p{Lu}{2}/u.test(t) && t === t.toUpperCase();

/** A short line without closing punctuation (or a heading block): what introduces what follows. */
function headingOf(b: TextBlock): string | null {
  const t = b.text.replace(/\s+/g, ' ').trim();
  if (!t) return null;
  if (b.kind === 'heading') return t.replace(/:$/, '');
  if (b.kind !== 'paragraph' || b.number || t.length > 120 || LEADING_NUMBER.test(t)) return null;
  if (/[.;,?!"”’)]$/.test(t) && !/:$/.test(t)) return null;
  const words = t.split(/\s+/).length;
  if (words > 14) return null;
  if (SECTION_HEADING.test(t) && words <= 12) return t.replace(/:$/, '').trim();
  if (b.bold || isCaps(t) || /:$/.test(t)) return t.replace(/:$/, '').trim();
  return null;
}

/**
 * A State by its name, or by the start of its formal name: "UNITED KINGDOM OF GREAT BRITAIN AND NORTHERN
 * IRELAND" is the United Kingdom (only when what follows the name begins "of"/"and"/"de"/"du", as formal names go).
 */
export function stateOf(name: string, states: StateDirectory): { id: string; name: string } | undefined {
  const exact = states.find(name);
  if (exact) return exact;
  const words = name.trim().split(/\s+/);
  for (let n = Math.min(words.length - 1, 6); n >= 1; n--) {
    if (!/^(of|and|de|del|du|des|y|et)$/i.test(words[n]!)) continue;
    const s = states.find(words.slice(0, n).join(' '));
    if (s) return s;
  }
  return undefined;
}

const SMALL_WORDS = /^(of|on|the|and|for|in|to|a|an|behalf|de|del|la|las|los|el|en|nombre|y|au|nom|du|des|et|le|les)$/i;

/** "ON BEHALF OF THE NORDIC GROUP" → "on behalf of the Nordic Group"; words of three letters or fewer that are not
 * small words stay as written ("EU", "OIC"); anything not in capitals is left as written. */
function readableCase(words: string): string {
  if (!isCaps(words)) return words;
  return words
    .split(/(\s+)/)
    .map((w) => (/^\s+$/.test(w) ? w : SMALL_WORDS.test(w) ? w.toLowerCase() : w.length <= 3 ? w : w[0]! + w.slice(1).toLowerCase()))
    .join('');
}

/** What a heading says of who asks: a State's name as the directory has it, an organisation as written, or null (a topic). */
function askerOfHeading(heading: string, states: StateDirectory): string | null {
  const s = stateOf(heading, states);
  if (s) return s.name;
  const onBehalf = ON_BEHALF.exec(heading);
  if (onBehalf) {
    const who = heading.slice(0, onBehalf.index).trim();
    const state = stateOf(who, states);
    return `${state ? state.name : who} ${readableCase(heading.slice(onBehalf.index).trim())}`;
  }
  if (isCaps(heading) && heading.split(/\s+/).length <= 10 && !GENERIC_HEADING.test(heading)) return heading;
  return null;
}

/**
 * "PORTUGAL on behalf of the Group of Friends: Could …" → the asker ("Portugal on behalf of the Group of Friends")
 * and the question after the colon; "Joint submission on behalf of Costa Rica, the Maldives and Slovenia, as
 * members …: What progress …" under COSTA RICA → "Costa Rica on behalf of Costa Rica, the Maldives and Slovenia".
 */
function leadIn(text: string, headingAsker: string | null, states: StateDirectory): { asker: string; text: string; joint: boolean } | null {
  const colon = text.indexOf(':');
  if (colon < 2 || colon > 300) return null;
  const lead = text.slice(0, colon).trim();
  if (/[?]/.test(lead)) return null;
  const rest = text.slice(colon + 1).trim();
  if (!rest) return null;
  const onBehalf = ON_BEHALF.exec(lead);
  const before = onBehalf ? lead.slice(0, onBehalf.index).trim() : lead;
  const state = stateOf(before.replace(/^(?:the\s+)?/i, ''), states);
  if (onBehalf) {
    const behalf = lead.slice(onBehalf.index).split(/,\s+(?:as|in|como|en tant|en su|en sa)\b/i)[0]!.trim();
    const who = state?.name ?? (headingAsker && before.toLowerCase() === headingAsker.toLowerCase() ? headingAsker : null) ?? headingAsker ?? before;
    return { asker: `${who} ${behalf}`, text: rest, joint: /\bjoint|conjoint|conjunt/i.test(lead) || /,|\band\b|\by\b|\bet\b/.test(behalf) };
  }
  if (state) return { asker: state.name, text: rest, joint: false };
  return null;
}

/**
 * Seed 000's layout in any file: the paragraph opens with the asker in italics (or bold) and a colon, the question
 * follows ("*Human Rights Watch (Question posed during event)*: “Will …”"). The emphasis, not a known name, marks it.
 */
function emphasisedAsker(body: string, lead: string | undefined): { askers: string[]; text: string } | null {
  if (!lead) return null;
  // the lead as the body writes it (a PDF's items may be spaced differently from the line's text)
  const chars = [...lead.replace(/\s+/g, '')].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const m = new RegExp(`^[^\\p{L}\\p{N}]{0,3}?${chars.join('\\s*')}`, 'u').exec(body);
  if (!m) return null;
  lead = m[0];
  const after = body.slice(m[0].length);
  if (!/:\s*$/.test(lead) && !/^\s*:/.test(after)) return null;
  const asker = lead.replace(DURING_EVENT, '').replace(/^[^\p{L}\p{N}]+/u, '').replace(/[\s:*]+$/, '').replace(/\s{2,}/g, ' ').trim();
  const text = after.replace(/^\s*:?\s*/, '').replace(/^\(\s*question posed during (the )?event\s*\)\s*:?\s*/i, '').trim();
  if (!asker || !text || /[?]/.test(asker)) return null;
  return { askers: splitAskers(asker), text };
}

export function readLayout(blocks: TextBlock[], states: StateDirectory): Layout {
  const head: string[] = [];
  const items: Item[] = [];
  const warnings: string[] = [];
  let heading: string | null = null;
  let askerHeading: string | null = null;
  let started = false;
  let last: Item | undefined;
  /** unnumbered paragraphs taken as questions under a heading, for the warnings */
  const underHeading = new Map<string, { paragraphs: number; noMark: number }>();

  for (const b of blocks) {
    if (b.kind === 'footnote' || b.kind === 'table-row') continue;
    const text = b.text.replace(/[ \t]+/g, ' ').trim();
    if (!text) continue;
    if (started && CLOSING.test(text) && items.length) break;
    const h = headingOf(b);
    if (h !== null) {
      const asker = askerOfHeading(h, states);
      if (!started && !asker && !/question|pregunta|recommend|recomend/i.test(h) && !SECTION_HEADING.test(h)) {
        head.push(text);
        continue;
      }
      started = true;
      if (asker) askerHeading = asker;
      else {
        heading = h;
        askerHeading = null;
      }
      last = undefined;
      continue;
    }
    // the number: Word's list numbering or a numbered paragraph as the reader found it, else one written in the text
    let number: string | null = null;
    let body = text;
    const isSub = (b.depth ?? 0) > 0;
    if (b.number && !b.bullet) number = b.number;
    else if (!b.bullet) {
      const m = LEADING_NUMBER.exec(text);
      if (m) {
        number = (m[1] ?? m[2] ?? m[3] ?? m[4])!;
        body = text.slice(m[0].length);
      }
    }
    const listed = b.kind === 'list-item';
    if (isSub && last) {
      // a sub-item ((a), (b) or a bullet under question 3) belongs to its question
      last.text.push(`- ${body}`);
      continue;
    }
    const underAsker = askerHeading !== null;
    const underQuestions = heading !== null && /question|pregunta|recommend|recomend/i.test(heading);
    if (number === null && !listed && !underAsker && !underQuestions) {
      if (!started) head.push(text);
      else if (last && !CLOSING.test(text)) last.text.push('', body); // a paragraph break inside a question
      else if (!last) head.push(text);
      continue;
    }
    if (number === null && !listed && !underAsker && underQuestions && !items.length && !/[?¿]/.test(body) && !ASKS.test(body)) {
      // under a heading such as "Advance questions to X", a first paragraph that asks nothing introduces what follows
      head.push(text);
      continue;
    }
    if (number === null && listed && b.bullet && last && last.number !== null && !underAsker) {
      // bullets after a numbered question (seed 000's question 22)
      last.text.push(`- ${body}`);
      continue;
    }
    if (number === null && !underAsker && !underQuestions) {
      // an unnumbered bullet outside a list of questions: part of the head, or of the question before it
      if (!started || !last) head.push(text);
      else last.text.push(`- ${body}`);
      continue;
    }
    started = true;
    const emphasised = emphasisedAsker(body, b.lead);
    const lead = emphasised ? null : leadIn(body, askerHeading, states);
    const askers = emphasised ? emphasised.askers : lead ? [lead.asker] : askerHeading ? [askerHeading] : [];
    const item: Item = { number, text: [emphasised?.text ?? lead?.text ?? body], askers, heading, askerHeading, joint: lead?.joint ?? false };
    items.push(item);
    last = item;
    if (number === null && (askerHeading ?? heading)) {
      const key = askerHeading ?? heading!;
      const seen = underHeading.get(key) ?? { paragraphs: 0, noMark: 0 };
      seen.paragraphs++;
      if (!/[?¿]/.test(body)) seen.noMark++;
      underHeading.set(key, seen);
    }
  }

  // labels: the numbers as written, by section where numbering restarts; unnumbered questions counted in order
  const numbered = items.filter((i) => i.number !== null);
  const lettered = numbered.length > 0 && numbered.every((i) => /^[a-z]$/i.test(i.number!));
  const asNumber = (i: Item) => (lettered ? String(i.number!.toLowerCase().charCodeAt(0) - 96) : i.number!);
  let restarts = false;
  for (let k = 1; k < numbered.length; k++) if (Number(asNumber(numbered[k]!)) <= Number(asNumber(numbered[k - 1]!))) restarts = true;
  const sectionKey = (i: Item) => `${i.heading ?? ''}\u0000${i.askerHeading ?? ''}`;
  const sectionIndex = new Map<string, number>();
  let unnumbered = 0;
  const questions = items.map((i): LaidOutQuestion => {
    if (!sectionIndex.has(sectionKey(i))) sectionIndex.set(sectionKey(i), sectionIndex.size + 1);
    const label = i.number === null ? String(++unnumbered) : restarts && !/\./.test(i.number) ? `${sectionIndex.get(sectionKey(i))}.${asNumber(i)}` : asNumber(i);
    const askers = i.askers.flatMap((a) => (ON_BEHALF.test(a) ? [a] : splitAskers(a)));
    return { label, text: i.text.join('\n').replace(/\n{3,}/g, '\n\n').trim(), askedBy: askers, section: i.heading ?? i.askerHeading, scope: ALL_CANDIDATES.test(i.heading ?? '') ? 'all' : 'state' };
  });
  if (numbered.length && unnumbered) {
    // a mix: number the unnumbered after the highest number, so no label repeats
    const used = new Set(questions.map((q) => q.label));
    let next = Math.max(0, ...numbered.map((i) => Number(asNumber(i))).filter(Number.isFinite));
    questions.forEach((q, k) => {
      if (items[k]!.number !== null) return;
      while (used.has(String(++next)));
      q.label = String(next);
      used.add(q.label);
    });
    warnings.push(`${unnumbered} unnumbered paragraph${unnumbered === 1 ? '' : 's'} among numbered questions read as questions and numbered after them.`);
  }
  const labels = new Set<string>();
  for (const q of questions) {
    if (labels.has(q.label)) {
      warnings.push(`Question ${q.label} appears twice; I kept the first.`);
    }
    labels.add(q.label);
  }
  for (const [h, seen] of underHeading) {
    if (seen.noMark) warnings.push(`${seen.paragraphs} paragraph${seen.paragraphs === 1 ? '' : 's'} under ${h} read as questions; ${seen.noMark} ha${seen.noMark === 1 ? 's' : 've'} no question mark.`);
  }
  items.forEach((i, k) => {
    if (i.joint) warnings.push(`Question ${questions[k]!.label} is a joint one (${questions[k]!.askedBy.join(', ')}): counted once, under ${i.askerHeading ?? i.heading ?? 'its heading'}.`);
  });
  const noAsker = questions.filter((q) => !q.askedBy.length).map((q) => q.label);
  if (noAsker.length && noAsker.length < questions.length) warnings.push(`Question${noAsker.length === 1 ? '' : 's'} ${noAsker.join(', ')} name${noAsker.length === 1 ? 's' : ''} no asker.`);
  const seenLabels = new Set<string>();
  return { head, questions: questions.filter((q) => (seenLabels.has(q.label) ? false : (seenLabels.add(q.label), true))), warnings };
}
