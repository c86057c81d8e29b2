import { foldAccents } from '../kernel/text.js';

/**
 * Footnote numbers glued to words ("treaties11.", "reality”.22.": the footnote number written twice, then a
 * full stop, then the footnote's text inlined) and superscript markers ("Interior¹") are taken out before a
 * word is indexed or quoted. The glued marker becomes a sentence break, so the inlined footnote text never
 * runs into the sentence it annotates.
 */
const GLUED_FOOTNOTE = /(?<=[\p{L}\p{P}])(\d{1,2})\1\.(?=\s|$)/gu;
const SUPERSCRIPTS = /[¹²³⁴⁵⁶⁷⁸⁹⁰]+/g;
/** the sentence break left where a glued footnote marker was */
export const FOOTNOTE_BREAK = '\u2029';

export function cleanText(text: string): string {
  return text
    .replace(GLUED_FOOTNOTE, ` ${FOOTNOTE_BREAK} `)
    .replace(SUPERSCRIPTS, '')
    .replace(/\*{1,2}([^*\n]+?)\*{1,2}/g, '$1') // emphasis marks around asker names and key words
    .replace(/\*/g, '')
    .replace(/\[([^\]]+)\]\(#?\)/g, '$1') // "[HRC/RES/24/24](#)"
    .replace(/[ \t\r\n]+/g, ' ')
    .trim();
}

/** Diacritics folded, lower case: how words are compared (México = Mexico, desaparición = desaparicion). */
export function fold(word: string): string {
  return foldAccents(word).toLowerCase();
}
