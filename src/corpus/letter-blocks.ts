import { fold } from './clean.js';
import { isClosing, opensAddress, type IndexedPassage } from './passages.js';

/**
 * "Who signed the 2013 open letter?", "Which groups wrote to Pompeo?", "¿A quién le mandó la carta el Alto
 * Comisionado?": a letter answers with its signature block or its address block, lines of names and titles
 * that share no word with the question. This finds them by their shape (short, no sentence, names in capitals,
 * an e-mail address) and their place (the address before the letter's first sentence or after an honorific, the
 * signatures after its last), and whether the question asks for the sender or for the addressee.
 */

export type BlockRole = 'signature' | 'address';

/** a question about who sent, signed or wrote: its verb or noun after "who" (see attribution.ts actionWords) */
const SENDING = new Set('signed sign signs wrote write writes written sent send sends authored firmo firmaron firma escribio escribieron envio enviaron mando mandaron signatories signatory signers signer author authors sender senders firmantes firmante autor autora autores remitente'.split(' '));
/** "To whom…", "¿A quién…?", "¿A qué embajadores…?", "…addressed to?", "…sent to?", "…¿a quién iba dirigida?": the addressee is wanted */
const TO_WHOM = /^\W*(?:to|a)\s+(?:whom|who|quien|quienes|que|cual|cuales|which)\b|^\W*whom\b|(?:^|[\s.,;:…])a\s+(?:quien|quienes)\s+(?:iba|va|fue|estaba|esta|estuvo)\s+(?:dirigid|enviad|mandad)[oa]s?\b|\b(?:addressed|sent|written|dirigida|dirigido|enviada|enviado|mandada|mandado)\s+(?:to|a)\s*\W*$|\b(?:recipients?|addressees?|destinatari[oa]s?)\b/;
/** "Who did the High Commissioner send the letter to?", "Who was it sent to?": the preposition at the end asks for the addressee */
const STRANDED_TO = /^\W*(?:who|whom)\s+(?:did|does|do|was|were|is|are|has|have|had|will|would|should)\b[^?]*\bto\s*\W*$/;
/** "Who did ISHR write to …", "Who did the rapporteur send it to": a subject between "did" and the verb */
const OBJECT_ASKED = /^\W*(?:who|whom)\s+(?:did|does|do|will|would|should|had|has|have)\s+(?!(?:sign|signed|write|wrote|send|sent|author|authored)\b)\p{L}/u;
/** "… who in the government got it?", "who received the letter?": the addressee */
const GOT_IT = /\bwho\b[^?]{0,60}\b(?:got|received|receives|gets|get)\s+(?:it|this|that|the letter|the letters|them)\b/;
/** "Which American official did the groups write to …?": the addressee, asked by what they are */
const WHICH_WRITTEN_TO = /^\W*(?:which|what)\s+(?:\p{L}+\s+){1,4}?(?:did|does|do|had|have|has)\s+[^?]{1,60}?\b(?:write|wrote|written|send|sent|address|addressed)\s+(?:it\s+|the letter\s+)?to\b/u;
/** "Who put his name on / to the letter?": the signatories */
const PUT_NAME = /\b(?:put|puts|putting)\s+(?:his|her|their|its|your|our)\s+names?\s+(?:on|to)\b/;
/** the question is about a letter, or the document is one */
const LETTER = /\b(?:letters?|cartas?|lettres?|wrote to|written to|escribi(?:o|eron) a)\b/;

/** Which block a "who" question wants: the addressee ("to whom"), the signatories ("who signed/wrote/sent"), or none. */
export function blockRoleAsked(question: string, action: string[]): BlockRole | undefined {
  const q = fold(question.slice(0, 300)).trim();
  if (TO_WHOM.test(q) || STRANDED_TO.test(q) || GOT_IT.test(q) || WHICH_WRITTEN_TO.test(q)) return 'address';
  if (PUT_NAME.test(q)) return 'signature';
  // "Who did Prison Watch write to…?": someone else wrote; "who" is whom they wrote to
  if (OBJECT_ASKED.test(q)) return (q.match(/\p{L}+/gu) ?? []).some((w) => SENDING.has(w)) ? 'address' : undefined;
  return action.some((w) => SENDING.has(w)) ? 'signature' : undefined;
  return undefined;
}

/** a line that dates or places the letter ("New York, 5 November 2013") */
const DATE_LINE = /\b(?:19|20)\d\d\b/;

/** Whether a passage is a line of names and titles, not prose: short, no sentence in it, its long words capitalised. */
export function isNameBlock(body: string): boolean {
  const text = body.trim();
  if (text.length > 300 || !/\p{L}/u.test(text)) return false;
  if (/[\w.+-]+@[\w-]+\.[\w.]+/.test(text)) return true; // a signature's e-mail address
  // a sentence ends inside or at the end (a full stop after a word of three letters or more, not "H. E." or "Ms.")
  if (/\p{Ll}{3,}[.!?](?:\s|$)/u.test(text)) return false;
  const long = text.match(/[\p{L}][\p{L}’'-]{3,}/gu) ?? [];
  if (!long.length) return false;
  const capitalised = long.filter((w) => /^\p{Lu}/u.test(w)).length;
  return capitalised / long.length >= 0.6;
}

/**
 * The letter's blocks of the role asked, best first: for the address, an honorific's block before the others;
 * a block the question's own words meet (`score`) before one they do not; then the document's order. The title
 * and date lines are not blocks. Empty when the document is not a letter or has no such block.
 */
/** Whether a document is a letter, by its title ("Open Letter to candidates…", "Letter of the High Commissioner…"). */
export function isLetter(passages: IndexedPassage[]): boolean {
  return LETTER.test(fold((passages[0]?.source ?? '').split(' · ')[0] ?? ''));
}

export function letterBlocks(passages: IndexedPassage[], role: BlockRole, question: string, score: (p: IndexedPassage) => number): IndexedPassage[] {
  if (!passages.length) return [];
  const title = fold((passages[0]!.source ?? '').split(' · ')[0] ?? '');
  if (!LETTER.test(fold(question)) && !LETTER.test(title)) return [];
  // the title and a date line are neither a block nor prose
  const kinds = passages.map((p) => (!isNameBlock(p.body) ? 'prose' : fold(p.body.trim()) === title || (DATE_LINE.test(p.body) && !opensAddress(p.body)) ? 'skip' : 'block'));
  const blocks = kinds.map((k) => k === 'block');
  const first = kinds.indexOf('prose'); // the first line of prose
  const last = kinds.lastIndexOf('prose'); // the last line of prose
  const chosen = passages.filter((p, k) => {
    if (!blocks[k]) return false;
    const honorific = opensAddress(p.body);
    if (role === 'address') return honorific || k < first;
    // after the last line of prose, or right after the closing formula when an annex follows the letter
    return !honorific && (k > last || (k > 0 && isClosing(passages[k - 1]!.body)));
  });
  const rank = (p: IndexedPassage) => (role === 'address' && opensAddress(p.body) ? 1 : 0) * 1000 + score(p);
  return chosen.map((p, k) => ({ p, k, r: rank(p) })).sort((a, b) => b.r - a.r || a.k - b.k).map((x) => x.p);
}

/**
 * "How many groups signed the 2013 letter?", "¿Cuántas ONG respaldaron la carta?": the number of signatories is
 * wanted, which a numbered signature list says in its last line ("40. World Organisation Against Torture"). The
 * question names a letter.
 */
const SIGNERS_COUNTED = /\b(?:signed|signs?|signing|signatories|signatory|signers?|endorsed|backed|co-?signed|put (?:their|its|his|her) names? (?:on|to)|firm(?:o|aron|ada|ado|antes?)|signatari[oa]s|suscrib(?:io|ieron)|respald(?:o|aron)|avalaron|adhirieron)\b/;
export function asksHowManySigned(question: string): boolean {
  const q = fold(question.slice(0, 300));
  // "how many States signed the Convention" asks about a treaty, not a letter's signatories
  return SIGNERS_COUNTED.test(q) && LETTER.test(q);
}

/** The signature block whose item number is the highest in a letter whose signatories are numbered ("40. …"), or none. */
export function lastNumberedSignatory(passages: IndexedPassage[], question: string): IndexedPassage | undefined {
  const numbered = letterBlocks(passages, 'signature', question, () => 0)
    .map((p) => ({ p, n: Number(p.number ?? NaN) }))
    .filter((x) => Number.isFinite(x.n));
  // a list of one or two is no count of signatories
  if (numbered.length < 3) return undefined;
  return numbered.reduce((a, b) => (b.n > a.n ? b : a)).p;
}

/** how many words may stand between a letter and its sending or date ("the NGO open letter to HRC candidates (Mexico) sent") */
const LETTER_DATE_SPAN = 8;
/** a word that sends or dates a letter */
const DATING_WORD = /^(?:sent|send|written|write|wrote|dated|date|signed|published|issued|mandaron|mando|enviaron|envio|escribieron|escribio|firmaron|firmo|fechada|fecha|publicaron|publicada)$/;
/** a word that names the letter, or its writing */
const LETTER_WORD = /^(?:letters?|cartas?|lettres?|wrote|written|escribio|escribieron)$/;
/** words that make what follows something the letter tells ("… published, according to the letter") */
const TOLD = new Set(['according', 'segun', 'per']);

/**
 * "When was the letter sent?", "¿Cuándo mandaron la carta?": the date the letter was written, not a date it cites. The
 * sending or the date is said of the letter itself, within a few words ("when was the letter sent", "¿de qué fecha es
 * la carta?"), not of a thing the letter tells ("when was the report published, according to the letter").
 */
export function asksLetterDate(question: string): boolean {
  const q = fold(question.slice(0, 300));
  if (!LETTER.test(q)) return false;
  const ws = q.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const at = (re: RegExp) => ws.flatMap((w, k) => (re.test(w) ? [k] : []));
  const letters = at(LETTER_WORD);
  const told = (a: number, b: number) => ws.slice(Math.min(a, b), Math.max(a, b)).some((w) => TOLD.has(w));
  return at(DATING_WORD).some((d) => letters.some((l) => Math.abs(d - l) <= LETTER_DATE_SPAN && !told(d, l)));
}

/** A letter's date line before its first line of prose ("New York, 5 November 2013"), or none. */
export function letterDateLine(passages: IndexedPassage[]): IndexedPassage | undefined {
  if (!isLetter(passages)) return undefined;
  for (const p of passages) {
    if (!isNameBlock(p.body)) return undefined; // the prose has begun
    if (DATE_LINE.test(p.body) && p.body.trim().length <= 60 && !opensAddress(p.body)) return p;
  }
  return undefined;
}

/** "Who wrote…", "¿Quién escribió…": the author is wanted (not "who sent the submission") */
export function writes(action: string[]): boolean {
  return action.some((w) => /^(?:wrote|write|writes|written|authored|authors?|escribio|escribieron|redacto|autor|autora|autores)$/.test(w));
}

/**
 * "Who wrote the article?": the passage that names the document's author (its metadata, the second part of a
 * passage's source), such as an article's note on its author ("Olga Guzmán Vergara is the … Director of …").
 * Only a name of two words or more: a State as author ("Slovenia") is named by every passage.
 */
export function authorPassage(passages: IndexedPassage[]): IndexedPassage | undefined {
  const author = (passages[0]?.source ?? '').split(' · ')[1];
  if (!author || /^\d{4}$/.test(author.trim())) return undefined;
  const name = fold(author.split(/[,;(]/)[0]!.trim());
  if (name.split(/\s+/).length < 2) return undefined;
  return passages.find((p) => fold(p.body.replace(/\s+/g, ' ')).includes(name));
}
