import type { LibraryKind, TextBlock } from './model.js';

/**
 * What a document says about itself, read from its first pages: its UN symbol, its date, its language, its
 * title, and what kind of document it looks like. Each is a guess a coordinator can correct (`kind`).
 */

const SYMBOL = /(?<![\w/])((?:A|E|S|CCPR|CAT|CED|CERD|CEDAW|CRC|CRPD|CMW|HRI|E\/C\.12)\/(?:[A-Z0-9][A-Z0-9.-]*\/)*(?:[A-Z0-9.-]*\d[A-Z0-9.-]*|[A-Z]{2,}))(?![\w/])/;

/** The first UN document symbol of the text ("A/HRC/59/15", "CCPR/C/MEX/CO/6"), trailing punctuation left out. */
export function findSymbol(text: string): string | undefined {
  const m = SYMBOL.exec(text.slice(0, 4000));
  return m ? m[1]!.replace(/[.-]+$/, '') : undefined;
}

const MONTHS_EN = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTHS_ES = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'];
const MONTHS_FR = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const monthOf = (name: string) => {
  const n = name.toLowerCase();
  for (const list of [MONTHS_EN, MONTHS_ES, MONTHS_FR]) {
    const i = list.indexOf(n === 'setiembre' ? 'septiembre' : n);
    if (i >= 0) return i + 1;
  }
  // "Jan", "Sept"
  const short = MONTHS_EN.findIndex((m) => n.length >= 3 && m.startsWith(n.replace(/\.$/, '')));
  return short + 1;
};
const pad = (n: number) => String(n).padStart(2, '0');
function day(y: number, m: number, d: number): string | undefined {
  if (!m || d < 1 || d > 31 || y < 1945 || y > 2100) return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 ? `${y}-${pad(m)}-${pad(d)}` : undefined;
}

const MONTH_WORD = '([A-Za-zéû]{3,10})';
const DATE_PATTERNS: { re: RegExp; parts: (m: RegExpExecArray) => [number, number, number] }[] = [
  // "1 December 2026", "1st of December 2026", "1 de diciembre de 2026"
  { re: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:de\\s+|of\\s+)?${MONTH_WORD},?\\s+(?:de\\s+)?(\\d{4})\\b`, 'g'), parts: (m) => [Number(m[3]), monthOf(m[2]!), Number(m[1])] },
  // "December 1, 2026", "December 1st, 2026"
  { re: new RegExp(`\\b${MONTH_WORD}\\s+(\\d{1,2})(?:st|nd|rd|th)?,\\s+(\\d{4})\\b`, 'g'), parts: (m) => [Number(m[3]), monthOf(m[1]!), Number(m[2])] },
  { re: /\b(\d{4})-(\d{2})-(\d{2})\b/g, parts: (m) => [Number(m[1]), Number(m[2]), Number(m[3])] },
];

/**
 * The document's date from its opening: a report's issue date ("Distr.: General 24 March 2025") or a date on a
 * line of its own (a letter's "Geneva, 1 December 2026") before any other date (a session's "16 June–11 July").
 */
export function findDate(text: string): string | undefined {
  const head = text.slice(0, 3000);
  let best: { rank: number; at: number; date: string } | undefined;
  for (const { re, parts } of DATE_PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(head); m; m = re.exec(head)) {
      const date = day(...parts(m));
      if (!date) continue;
      const lineStart = head.lastIndexOf('\n', m.index) + 1;
      const lineEnd = head.indexOf('\n', m.index);
      const line = head.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
      const before = head.slice(Math.max(lineStart, m.index - 30), m.index);
      const own = line.trim().length <= m[0].length + 30 && !/[–-]\s*$/.test(before) && !/^[–-]/.test(head.slice(m.index + m[0].length));
      const rank = /distr/i.test(before) ? 0 : own ? 1 : 2;
      if (!best || rank < best.rank || (rank === best.rank && m.index < best.at)) best = { rank, at: m.index, date };
    }
  }
  return best?.date;
}

/** A date a file's properties state (PDF "D:20250415…", ISO timestamps), as YYYY-MM-DD. */
export function statedDay(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const m = /^(?:D:)?(\d{4})-?(\d{2})-?(\d{2})/.exec(value.trim());
  return m ? day(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

const STOP = {
  en: ['the', 'and', 'of', 'to', 'in', 'that', 'is', 'for', 'with', 'on'],
  es: ['el', 'la', 'de', 'que', 'los', 'las', 'en', 'por', 'con', 'del'],
  fr: ['le', 'la', 'les', 'des', 'et', 'du', 'est', 'pour', 'dans', 'une'],
};

/** en, es or fr by their commonest words; the language a file states wins where it states one. */
export function guessLanguage(text: string, stated?: string): string {
  const s = stated?.toLowerCase().slice(0, 2);
  if (s && /^[a-z]{2}$/.test(s)) return s;
  const words = text.slice(0, 20000).toLowerCase().split(/[^\p{L}]+/u);
  const counts = Object.entries(STOP).map(([lang, list]) => [lang, words.filter((w) => list.includes(w)).length] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : 'en';
}

/** An id from a symbol or a file name: lower-case words joined by hyphens. */
export function slug(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'document';
}

/** A title a file states is kept unless it is a file name, a symbol or an editor's default. */
export function usableTitle(stated: string | undefined, symbol: string | undefined): string | undefined {
  const t = stated?.replace(/\s+/g, ' ').trim();
  if (!t || t.length < 4 || t.length > 300) return undefined;
  if (/^microsoft word|\.(docx?|pdf|html?)$|^untitled|^document\d*$/i.test(t) || t === symbol || /^[\w-]+$/.test(t)) return undefined;
  return t;
}

/** A title from the headings: "Report of the Working Group…" and the short heading under it ("Slovenia"). */
export function titleFromBlocks(blocks: TextBlock[] | null): string | undefined {
  if (!blocks) return undefined;
  const tidy = (t: string) => t.replace(/[*†‡]+$/, '').replace(/\s+/g, ' ').trim();
  const head = blocks.slice(0, 40);
  const i = head.findIndex((b) => b.kind === 'heading' && /^(report|informe|rapport|annual report|summary|compilation|national report)\b/i.test(b.text));
  if (i < 0) return undefined;
  const next = head[i + 1];
  const title = tidy(head[i]!.text);
  return next?.kind === 'heading' && next.text.split(/\s+/).length <= 6 && !/^([IVX]+|[A-Z])\.\s/.test(next.text) ? `${title}: ${tidy(next.text)}` : title;
}

/** A title from the text: a "Report of…" line, else the first line long enough to be one. */
export function titleFromText(text: string, symbol: string | undefined): string | undefined {
  const lines = text.slice(0, 6000).split('\n').map((l) => l.replace(/^#+\s*/, '').replace(/\s+/g, ' ').trim()).filter(Boolean);
  const report = lines.find((l) => /^(report|informe|rapport|annual report|summary|compilation)\b/i.test(l) && l.length < 250);
  if (report) return report;
  return lines.find((l) => l.length >= 6 && l !== symbol && /\p{L}{3}/u.test(l) && !/^(distr|general|original|advance (unedited|version)|united nations|naciones unidas|human rights council|\d)/i.test(l))?.slice(0, 200);
}

/** What kind of document it looks like, from its title and opening. */
export function guessKind(title: string, text: string, symbol: string | undefined): LibraryKind {
  const head = text.slice(0, 5000);
  const t = title.toLowerCase();
  const numberedQuestions = (text.match(/^\s*\d{1,3}[.)]\s+[^\n]*\?\s*$/gm) ?? []).length;
  const salutation = /\b(dear|your excellency|excellency|estimad[oa]s?|excelent[ií]sim[oa]|madame|monsieur)\b/i.test(head);
  const closing = /\b(sincerely|yours faithfully|respectfully|atentamente|cordialmente|please accept)\b/i.test(text);
  if (/\bletter\b|\bcarta\b|\blettre\b/.test(t) || (salutation && closing) || /\bpermanent mission\b/i.test(head.slice(0, 1500))) return 'letter';
  if (/\bquestions?\b|\bpreguntas?\b|list of issues/.test(t) || numberedQuestions >= 3) return 'questions';
  if (/\bstatement\b|\bdeclaraci[oó]n\b|\bdéclaration\b|\bremarks\b/.test(t)) return 'statement';
  if (symbol || /^(report|informe|rapport)\b|\breport of\b/.test(t)) return 'report';
  if (/\barticle\b|\bop-ed\b|\bblog\b/.test(t)) return 'article';
  return 'other';
}
