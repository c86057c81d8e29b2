import type { StateDirectory } from './states.js';

/**
 * The State(s) a letter or question list is addressed to, from the lines of its head: the title ("Advance
 * questions to Slovenia", "Preguntas anticipadas a Chile", "Questions à la France"), the address block
 * ("Permanent Mission of Peru", "Misión Permanente de Guatemala", "Mission permanente du Sénégal",
 * "Excelentísimo Señor … Representante Permanente de Chile", "Son Excellence … Ambassadeur de France"), or a
 * line that is a State's name alone.
 */

/** words that introduce whom a letter is to; the State named after them is the recipient */
const TO_ROLE =
  /\b(?:permanent (?:mission|representative|delegation)|mission permanente|représentant(?:e)? permanent(?:e)?|délégation permanente|misi[oó]n permanente|representante permanente|delegaci[oó]n permanente|embassy|embajada|ambassade|ambassador|embajador(?:a)?|ambassadeur|ministr[oey]|minister|government|gobierno|gouvernement|questions?|preguntas?|lettre|letter|carta)\b/i;
const LINK = /\b(?:of|to|for|de|del|du|des|à|au|aux|a|para)\s+(?:the\s+|la\s+|las\s+|los\s+|le\s+|l['’])?/giu;

/** The States named right after "of/to/de/du/à …" in a line, by the longest run of words that names one. */
function statesAfterLinks(line: string, states: StateDirectory): string[] {
  const found: string[] = [];
  for (const m of line.matchAll(LINK)) {
    const words = line.slice(m.index! + m[0].length).split(/[\s,;:()]+/).filter(Boolean).slice(0, 9);
    for (let n = words.length; n >= 1; n--) {
      const s = states.find(words.slice(0, n).join(' '));
      // two-letter codes ("to IT", "a US") are words too often to be a recipient
      if (s && !(n === 1 && words[0]!.length <= 3)) {
        found.push(s.id);
        break;
      }
    }
  }
  return found;
}

export function findRecipientsInHead(lines: string[], states: StateDirectory): string[] {
  const found = new Set<string>();
  for (const raw of lines) {
    const line = raw.replace(/\s+/g, ' ').trim();
    if (!line || line.length > 300) continue;
    const alone = states.find(line.replace(/[.,:]$/, ''));
    if (alone && line.length > 3) {
      found.add(alone.id);
      continue;
    }
    if (!TO_ROLE.test(line)) continue;
    for (const id of statesAfterLinks(line, states)) found.add(id);
  }
  return [...found];
}
