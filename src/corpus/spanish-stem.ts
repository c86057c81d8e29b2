import { fold } from './clean.js';
import { lunr, lunrWithLanguages } from './lunr-setup.js';

/**
 * A Spanish word's Snowball stem, taken before its accents are folded (Snowball's Spanish endings carry them:
 * "-ación", "-ió", "-ía") and folded after: "difamación", "difamar" → difam; "cumplió", "cumplir" → cumpl.
 * Folded first, "cumplio" kept its "-i" and "difamacion" its "-acion", and neither met its lemma.
 */
export function spanishStem(word: string): string {
  const token = new lunr.Token(word.normalize('NFC').toLowerCase(), {});
  return fold((lunrWithLanguages.es.stemmer(token, 0, []) as lunr.Token).toString());
}

/**
 * The endings whose accent Snowball needs, as a word typed without accents (on a phone) has them, and with
 * the accent they most often carry: "cumplio" → cumplió, "detencion" → detención, "tenian" → tenían.
 */
const ACCENTED_ENDINGS: [RegExp, string][] = [
  [/cion$/, 'ción'], [/sion$/, 'sión'], [/io$/, 'ió'], [/([aei])ra(n|s)?$/, '$1rá$2'], [/ia(n|s|mos)?$/, 'ía$1'],
  [/([^aeiou])o$/, '$1ó'], [/([aei])re$/, '$1ré'],
];

/**
 * How a verb's stem changes as it is conjugated, undone: "proteja" (proteger), "ofrezca" (ofrecer), "muestran"
 * (mostrar), "pierden" (perder), "piden" (pedir), "eligió" (elegir). Tried only when the word as typed is unknown.
 */
const STEM_CHANGES: [RegExp, string][] = [
  [/j(?=[ao])/g, 'g'], [/zc(?=[aoe])/g, 'c'], [/ue/g, 'o'], [/ie/g, 'e'], [/i/g, 'e'],
  // spelling kept before -e: "ratifique" (ratificar), "garantice" (garantizar), "averigüe" (averiguar)
  [/qu(?=[eé])/g, 'c'], [/c(?=[eé])/g, 'z'], [/gü(?=[eé])/g, 'gu'],
];

/** a strong preterite's endings ("detuvo", "propusieron", "interviniera") and those of one whose stem ends in j ("produjeron") */
const STRONG = '(?:e|é|iste|o|ó|imos|isteis|ieron|iera|ieras|iéramos|ieramos|ierais|ieran|iese|ieses|iésemos|iesemos|ieseis|iesen)';
const STRONG_J = '(?:e|é|iste|o|ó|imos|isteis|eron|era|eras|éramos|eramos|erais|eran|ese|eses|ésemos|esemos|eseis|esen)';
/**
 * The irregular verbs whose forms no stem rule reaches, as their infinitive: strong preterites (detuvieron →
 * detener, propuso → proponer, intervino → intervenir, redujo → reducir, predijo → predecir, extrajo → extraer),
 * futures and conditionals in -ndr-/-ldr- (detendrá → detener, propondría → proponer), subjunctives in -ng-
 * (detenga, obtengan, intervenga) and irregular participles (expuestos → exponer, resuelto → resolver, devuelto →
 * devolver, suscrito → suscribir, descubierto → descubrir, abierta → abrir, predicho → predecir). Compounds only,
 * where the simple verb is a stop word or too short a stem to look up (tuvo, puso, vino, dijo).
 */
const IRREGULAR: [RegExp, string][] = [
  [new RegExp(`^(\\p{L}{2,})tuv${STRONG}$`, 'u'), '$1tener'],
  [new RegExp(`^(\\p{L}+)pus${STRONG}$`, 'u'), '$1poner'],
  [new RegExp(`^(\\p{L}{2,})vin${STRONG}$`, 'u'), '$1venir'],
  [new RegExp(`^(\\p{L}+)duj${STRONG_J}$`, 'u'), '$1ducir'],
  [new RegExp(`^(\\p{L}+)dij${STRONG_J}$`, 'u'), '$1decir'],
  [new RegExp(`^(\\p{L}+)traj${STRONG_J}$`, 'u'), '$1traer'],
  [/^(\p{L}{2,}[nl])dr(?:é|e|ás|as|á|a|emos|éis|eis|án|an|ía|ia|ías|ias|íamos|iamos|íais|iais|ían|ian)$/u, '$1er'],
  [/^(\p{L}{3,}[nl])g(?:a|as|amos|áis|ais|an|o)$/u, '$1er'],
  [/^(\p{L}+)puest(?:o|a|os|as)$/u, '$1poner'],
  [/^(\p{L}*)suelt(?:o|a|os|as)$/u, '$1solver'],
  [/^(\p{L}+)vuelt(?:o|a|os|as)$/u, '$1volver'],
  [/^(\p{L}+)scrit(?:o|a|os|as)$/u, '$1scribir'],
  [/^(\p{L}*)biert(?:o|a|os|as)$/u, '$1brir'],
  [/^(\p{L}+)dich(?:o|a|os|as)$/u, '$1decir'],
];

/**
 * A diminutive's plain word: "niñitos" → niños, "casita" → casa, "abuelitos" → abuelos, "mujercita" → mujer,
 * "chiquitos" → chicos ([] for a word that is none).
 */
export function undiminished(word: string): string[] {
  const m = /^(\p{L}{2,}?)(?:(ec)|(c))?(?:it|ill)(o|a|os|as)$/u.exec(word);
  if (!m) return [];
  const [, base, ec, c, ending] = m as unknown as [string, string, string | undefined, string | undefined, string];
  const plain = base.replace(/qu$/, 'c').replace(/gu$/, 'g');
  const plural = ending.endsWith('s');
  // -ito on a word's own vowel (niñ-itos → niños); -cito, -ecito after a consonant or -e (mujer-cita, jóven-citos, café-cito)
  const out = [`${plain}${ending}`];
  if (ec || c) out.push(plural ? `${plain}es` : plain, plural ? `${plain}s` : `${plain}e`);
  return [...new Set(out)].filter((w) => w.length >= 3 && w !== word);
}

/**
 * The stems to look a Spanish word up by, the likeliest first: the word as typed; when it was typed with no
 * accent at all, as it would be spelt with the accent its ending most often carries; then with a verb's stem
 * or spelling change undone (each occurrence in turn); then, for an irregular verb's form, its infinitive.
 */
export function spanishStemKeys(word: string): string[] {
  const lower = word.normalize('NFC').toLowerCase();
  const spellings = [lower];
  if (fold(lower) === lower) {
    for (const [ending, accented] of ACCENTED_ENDINGS) if (ending.test(lower)) spellings.push(lower.replace(ending, accented));
  }
  const changed: string[] = [];
  for (const spelling of spellings) {
    for (const [from, to] of STEM_CHANGES) {
      for (const m of spelling.matchAll(from)) changed.push(spelling.slice(0, m.index) + to + spelling.slice(m.index + m[0].length));
    }
  }
  for (const spelling of [...spellings]) spellings.push(...undiminished(spelling));
  const irregular = spellings.flatMap((spelling) => IRREGULAR.filter(([form]) => form.test(spelling)).map(([form, infinitive]) => spelling.replace(form, infinitive)));
  return [...new Set([...spellings, ...changed, ...irregular].map(spanishStem))];
}
