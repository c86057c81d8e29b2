import { FOOTNOTE_BREAK } from './clean.js';
import type { IndexedPassage } from './passages.js';

/**
 * A quote reads as the document's words: the asker's name before a question ("I(dh)eas…: “In Mexico…") is
 * left for the citation, and a quotation mark the sentence opens or closes without its pair is dropped.
 */
export function tidyQuote(sentence: string, p: IndexedPassage): string {
  let q = sentence;
  if (p.number) {
    const asker = askerOf(p);
    if (asker && q.startsWith(p.body.slice(0, p.body.indexOf(':') + 1))) q = q.slice(p.body.indexOf(':') + 1).replace(/^\s*\(Question posed during event\):?/i, '').trim();
  }
  const opens = (q.match(/“/g) ?? []).length;
  const closes = (q.match(/”/g) ?? []).length;
  if (opens > closes && q.startsWith('“')) q = q.slice(1);
  if (closes > opens && q.endsWith('”')) q = q.slice(0, -1);
  if ((q.match(/"/g) ?? []).length % 2 === 1) q = q.replace(/^"|"$/, '');
  return q.trim();
}

/** "Who asked question 7?": the asker, as the letter names them before the colon. */
export function askerOf(p: IndexedPassage): string | undefined {
  const who = /^([^:“"]{3,200}?):/.exec(p.body);
  return who ? who[1]!.replace(/\s*\(Question posed during event\)\s*/i, '').trim() : undefined;
}

/**
 * Sentences of a passage's cleaned text; a glued footnote marker also ends a sentence. A footnote inlined in the
 * middle of a sentence ("…international organisations2020. Discussed in detail in the next section. that joined
 * forces…") runs to its first full stop before a word in lower case: it becomes a sentence of its own, and the
 * sentence it interrupted is joined again ("…international organisations that joined forces…"), so no quote is
 * glued across it. An initial or a title before a name ends no sentence ("H.E. Ms Tanja FAJON").
 */
export function splitSentences(body: string): string[] {
  const [first = '', ...rest] = body.split(FOOTNOTE_BREAK);
  const segments: string[] = [];
  const notes: string[] = [];
  let current = first;
  for (const part of rest) {
    const inlined = /^(.*?[.!?…]["”’)]*)\s+(?=\p{Ll})/su.exec(part.trim());
    if (inlined) {
      notes.push(inlined[1]!);
      current = `${current.trimEnd()} ${part.trim().slice(inlined[0].length)}`;
    } else {
      segments.push(current);
      current = part;
    }
  }
  segments.push(current);
  return [...segments, ...notes]
    // not after an initial or a title before a name ("H.E. Ms Tanja FAJON", "Ms. Tanja Fajon", "Dr. Brglez")
    .flatMap((part) => part.split(/(?<=[.!?…]["”’)]*)(?<!(?:^|[\s(.])\p{Lu}\.|(?:^|\s)(?:Mr|Ms|Mrs|Dr|Prof|Sr|Sra|Dra|St)\.)\s+(?=["“‘(¿¡]?[\p{Lu}\d])/u))
    .map((s) => s.trim())
    .filter((s) => /\p{L}/u.test(s));
}
