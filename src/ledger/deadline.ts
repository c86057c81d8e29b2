import { DateTime } from 'luxon';

/**
 * A letter's deadline, in English, Spanish or French: "by 9th October 2020", "before October 9, 2020",
 * "before 15/01/2021" (day first, as the UN writes it), "a más tardar el 15 de enero de 2021", "antes del 15 de
 * enero de 2021", "avant le 15 janvier 2021", "au plus tard le 1er février 2021". The first one in the text wins;
 * none gives an open deadline, with the words that say so ("at your earliest convenience") when there are some.
 */

const EN = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const ES = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'];
const FR = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

const alt = (xs: string[]) => xs.join('|');
const EN_BEFORE = '(?:by|before|no later than|not later than|until)';
const ES_BEFORE = '(?:a m[aá]s tardar|antes del?|hasta el|no m[aá]s tarde del?|con anterioridad al?)';
const FR_BEFORE = "(?:avant|au plus tard|d['’]ici|jusqu['’]au|pour)";

interface Pattern {
  re: RegExp;
  /** day, month (1–12), year from a match */
  read: (m: RegExpExecArray) => [number, number, number] | undefined;
}

const monthOf = (list: string[], name: string) => list.indexOf(name.toLowerCase().replace('setiembre', 'septiembre').replace('fevrier', 'février').replace('aout', 'août').replace('decembre', 'décembre')) + 1;

const PATTERNS: Pattern[] = [
  { re: new RegExp(`\\b${EN_BEFORE}\\s+(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of)?\\s+(${alt(EN)}),?\\s+(\\d{4})`, 'i'), read: (m) => [Number(m[1]), monthOf(EN, m[2]!), Number(m[3])] },
  { re: new RegExp(`\\b${EN_BEFORE}\\s+(${alt(EN)})\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})`, 'i'), read: (m) => [Number(m[2]), monthOf(EN, m[1]!), Number(m[3])] },
  { re: new RegExp(`(?:^|[\\s(])${ES_BEFORE}\\s+(?:el\\s+(?:d[ií]a\\s+)?)?(\\d{1,2})\\s+de\\s+(${alt(ES)}|setiembre)\\s+(?:de|del)\\s+(\\d{4})`, 'i'), read: (m) => [Number(m[1]), monthOf(ES, m[2]!), Number(m[3])] },
  { re: new RegExp(`(?:^|[\\s(])${FR_BEFORE}\\s+(?:le\\s+)?(\\d{1,2}|1er)\\s+(${alt(FR)}|fevrier|aout|decembre)\\s+(\\d{4})`, 'i'), read: (m) => [Number(m[1]!.replace('er', '')), monthOf(FR, m[2]!), Number(m[3])] },
  // numeric dates are day first (15/01/2021, 15.01.2021), after a word that makes them a deadline in any of the three languages
  { re: new RegExp(`(?:^|[\\s(])(?:${EN_BEFORE}|${ES_BEFORE}|${FR_BEFORE})\\s+(?:the\\s+|el\\s+|le\\s+)?(\\d{1,2})[/.](\\d{1,2})[/.](\\d{4})\\b`, 'i'), read: (m) => [Number(m[1]), Number(m[2]), Number(m[3])] },
  { re: new RegExp(`(?:^|[\\s(])(?:${EN_BEFORE}|${ES_BEFORE}|${FR_BEFORE})\\s+(\\d{4})-(\\d{2})-(\\d{2})\\b`, 'i'), read: (m) => [Number(m[3]), Number(m[2]), Number(m[1])] },
];

const OPEN_ENDED = /\b(at your earliest convenience|as soon as possible|at your convenience|lo antes posible|a la mayor brevedad(?: posible)?|dès que possible|dans les meilleurs délais)\b/i;

export function findDeadline(text: string): { deadline: string | null; deadlineText: string | null } {
  let best: { index: number; date: string; words: string } | undefined;
  for (const p of PATTERNS) {
    const m = p.re.exec(text);
    if (!m) continue;
    const parts = p.read(m);
    if (!parts) continue;
    const [day, month, year] = parts;
    const date = DateTime.fromObject({ year, month, day });
    if (!date.isValid) continue;
    const words = m[0].replace(/^[\s(]+/, '');
    const index = m.index + (m[0].length - words.length);
    if (!best || index < best.index) best = { index, date: date.toISODate()!, words };
  }
  if (best) return { deadline: best.date, deadlineText: best.words };
  const open = OPEN_ENDED.exec(text);
  return { deadline: null, deadlineText: open ? open[0] : null };
}
