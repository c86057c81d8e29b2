import { DateTime } from 'luxon';
import type { Document } from '../corpus/corpus.js';
import { findDeadline } from './deadline.js';
import type { StateDirectory } from './states.js';

/** A question (or recommendation) as it stands in a letter. Its identity is letter + label: never renumbered. */
export interface ExtractedQuestion {
  /** as written: "5"; section-qualified ("2.4") where numbering restarts in each section */
  label: string;
  /** order in the letter, for sorting */
  ordinal: number;
  text: string;
  /** the asking organisation(s) exactly as written; the letter's sender when the item names none */
  askedBy: string[];
  scope: 'state' | 'all';
  duringEvent: boolean;
  section: string | null;
}

export interface ExtractedLetter {
  letter: string;
  title: string;
  date: string | null;
  sender: string | null;
  /** State ids (ISO alpha-2) */
  states: string[];
  /** YYYY-MM-DD, end of that day in the coalition's time zone; null when the letter asks for no date */
  deadline: string | null;
  /** the words the deadline came from ("by 9th October 2020", "at your earliest convenience") */
  deadlineText: string | null;
  questions: ExtractedQuestion[];
}

const NUMBERED = /^\s*(\d{1,3})\.\s+(\S[\s\S]*)$/;
const BULLET = /^\s*[-•●▪]\s+/;
const CLOSING = /^\s*(your excellenc(y|ies)\b|we look forward|yours (sincerely|faithfully|truly)|sincerely\b|kind regards|best regards|on behalf of\b|signed\b)/i;
export const DURING_EVENT = /\(\s*question posed during (the )?event\s*\)/i;
const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december';

/** A short line without closing punctuation that introduces what follows: a section heading. */
function isHeading(line: string): boolean {
  const t = line.trim();
  if (!t || t.length > 90 || NUMBERED.test(t) || BULLET.test(t)) return false;
  if (/[.;,?!"”’)]$/.test(t)) return false;
  if (!/^[A-ZÁÉÍÓÚÑ¿"“]/.test(t)) return false;
  return t.split(/\s+/).length <= 12;
}

/**
 * Reads a letter of numbered questions or recommendations to a State. Returns undefined for anything else
 * (articles, statements, letters without numbered questions): no question is ever invented.
 */
export function extractLetter(doc: Document, states: StateDirectory): ExtractedLetter | undefined {
  if (doc.kind !== 'letter' && doc.kind !== 'other') return undefined;
  const recipients = findRecipients(doc, states);
  if (!recipients.length) return undefined;
  const questions = extractQuestions(doc);
  if (!questions.length) return undefined;
  const { deadline, deadlineText } = findDeadline(doc.text);
  return {
    letter: doc.id,
    title: doc.title,
    date: doc.date ?? findLetterDate(doc.text),
    sender: doc.author ?? null,
    states: recipients,
    deadline,
    deadlineText,
    questions,
  };
}

function findRecipients(doc: Document, states: StateDirectory): string[] {
  if (doc.recipient) {
    const s = states.find(doc.recipient);
    return s ? [s.id] : [];
  }
  // No metadata: a State named in "Permanent Representative of X" / "Mission of X" in the letter's head.
  const head = doc.text.slice(0, 1500);
  const found = new Set<string>();
  for (const m of head.matchAll(/(?:Permanent (?:Representative|Mission) of|Mission of|Government of)\s+(?:the\s+)?([A-ZÁÉÍÓÚ][\p{L}' -]+?)(?:\s+to\b|\n|,|$)/gmu)) {
    const s = states.find(m[1]!.trim());
    if (s) found.add(s.id);
  }
  return [...found];
}

/** For a letter without metadata: the first date written in its head ("Geneva, 1 March 2026"), not a deadline. */
export function findLetterDate(text: string): string | null {
  const head = text.slice(0, 800);
  const dayFirst = new RegExp(`(?<!\\b(?:by|before|until|than)\\s+(?:the\\s+)?)\\b(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of)?\\s+(${MONTHS}),?\\s+(\\d{4})\\b`, 'i').exec(head);
  if (!dayFirst) return null;
  const date = DateTime.fromFormat(`${dayFirst[1]} ${dayFirst[2]!.toLowerCase()} ${dayFirst[3]}`, 'd MMMM yyyy', { locale: 'en' });
  return date.isValid ? date.toISODate() : null;
}

interface Paragraph {
  text: string;
}

/** Splits the body into paragraphs (blank-line separated), keeping a numbered item's own lines together. */
function paragraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length) out.push({ text: current.join('\n') });
    current = [];
  };
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.replace(/\s+$/, '');
    if (!line.trim()) {
      flush();
      continue;
    }
    // A numbered item starts a paragraph of its own even without a blank line before it.
    if (NUMBERED.test(line) && current.length && !BULLET.test(line)) flush();
    current.push(line);
  }
  flush();
  return out;
}

interface Section {
  heading: string | null;
  /** the paragraphs between the heading and the first item, which say who the items are for */
  intro: string;
  items: { number: number; lines: string[] }[];
}

function extractQuestions(doc: Document): ExtractedQuestion[] {
  const sections: Section[] = [];
  let section: Section = { heading: null, intro: '', items: [] };
  let inItem = false;
  for (const p of paragraphs(doc.text)) {
    const first = p.text.trim();
    if (CLOSING.test(first) && (section.items.length || sections.some((x) => x.items.length))) {
      // "Yours sincerely", "On behalf of": what follows (signatories) is not a list of questions.
      break;
    }
    const numbered = NUMBERED.exec(first);
    if (numbered) {
      // NUMBERED runs to the end of the paragraph: take only its first line, the others follow (question 22's list was doubled).
      section.items.push({ number: Number(numbered[1]), lines: [numbered[2]!.split('\n')[0]!.trim(), ...p.text.trim().split('\n').slice(1).map((l) => l.trim())] });
      inItem = true;
      continue;
    }
    if (isHeading(first)) {
      if (section.items.length || section.heading || section.intro) sections.push(section);
      section = { heading: first.replace(/:$/, '').trim(), intro: '', items: [] };
      inItem = false;
      continue;
    }
    if (inItem && section.items.length) {
      // A paragraph break inside a question (seed 000, question 19) or its bulleted list (question 22).
      section.items.at(-1)!.lines.push('', ...p.text.split('\n').map((l) => l.trim()));
      continue;
    }
    section.intro += (section.intro ? '\n' : '') + first;
  }
  sections.push(section);

  const withItems = sections.filter((s) => s.items.length >= 1);
  // A list is a real list of questions only if it counts up from 1 without gaps.
  const lists = withItems.filter((s) => s.items.every((it, i) => i === 0 || it.number === s.items[i - 1]!.number + 1));
  if (!lists.length) return [];
  const restarts = lists.filter((s) => s.items[0]!.number === 1).length > 1;
  const questions: ExtractedQuestion[] = [];
  let ordinal = 0;
  lists.forEach((s, sectionIndex) => {
    const scope: 'state' | 'all' = /\b(all|each|every) candidate/i.test(`${s.heading ?? ''} ${s.intro}`) ? 'all' : 'state';
    for (const item of s.items) {
      const { askedBy, duringEvent, text } = readItem(item.lines);
      questions.push({
        label: restarts ? `${sectionIndex + 1}.${item.number}` : String(item.number),
        ordinal: ordinal++,
        text,
        askedBy: askedBy.length ? askedBy : doc.author ? [doc.author] : [],
        scope,
        duringEvent,
        section: s.heading,
      });
    }
  });
  return questions;
}

/** "*Asker (Question posed during event)*: “text”" → askers, the during-event flag and the question's text. */
function readItem(lines: string[]): { askedBy: string[]; duringEvent: boolean; text: string } {
  const joined = lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
  const m = /^\*([^*]+)\*\s*:?\s*/.exec(joined);
  if (!m) return { askedBy: [], duringEvent: false, text: joined };
  let asker = m[1]!.trim();
  let rest = joined.slice(m[0].length);
  const duringEvent = DURING_EVENT.test(asker) || /^\(\s*question posed during/i.test(rest);
  asker = asker.replace(DURING_EVENT, '').replace(/[\s:]+$/, '').trim();
  rest = rest.replace(/^:\s*/, '').trim();
  return { askedBy: splitAskers(asker), duringEvent, text: rest };
}

/**
 * "Centro … de Vitoria and Dominicans for Justice and Peace" is two organisations; "Dominicans for Justice
 * and Peace" is one. Split on " and " only where what follows reads as a name of its own (two or more
 * words, capitalised, or one acronym), so names that contain "and" stay whole.
 */
export function splitAskers(asker: string): string[] {
  const parts = asker.split(/\s+and\s+/);
  if (parts.length === 1) return [asker];
  for (let i = 1; i < parts.length; i++) {
    const left = parts.slice(0, i).join(' and ');
    const right = parts.slice(i).join(' and ');
    const rightWords = right.split(/\s+/);
    // …or one word in capitals, as acronym-named organisations are ("CIVICUS", "ISHR")
    const acronym = rightWords.length === 1 && /^\p{Lu}{3,}$/u.test(right);
    const startsAsName = acronym || (/^(the\s+)?\p{Lu}/u.test(right) && rightWords.length >= 2 && rightWords.filter((w) => /^\p{Lu}/u.test(w)).length >= 2);
    if (startsAsName && !/\b(of|for|de|la|the)$/i.test(left)) return [left, ...splitAskers(right)];
  }
  return [asker];
}
