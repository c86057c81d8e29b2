import { fold } from './clean.js';
import { lexiconByStem, loadLexicon, spanishStem } from './expansion.js';
import { lunr } from './lunr-setup.js';
import { isStopWord } from './question.js';

/**
 * "Can you recommend a good laptop…?", "¿Me recomiendas una serie…?", "What is the best phone…?", "¿Cuál es el
 * mejor restaurante…?": the asker wants the assistant's own pick of a thing, not what a body recommended. The
 * frame is the verb addressed to the assistant, or a question that opens by asking for the best (folded, plain).
 */
const OWN_PICK = new RegExp(
  [
    String.raw`\b(?:can|could|would|will|do) you (?:please )?(?:recommend|suggest)`,
    String.raw`\bwhat do you (?:recommend|suggest)`,
    String.raw`\b(?:recommend|suggest) me`,
    String.raw`^(?:please )?(?:recommend|suggest)`,
    // "¿me recomiendas…?" (tú), "¿me recomienda…?" (usted), "¿me recomiendan…?" (ustedes: the channel)
    String.raw`\b(?:me|nos) (?:recomiendas|recomienda|recomiendan|recomendarias|recomendaria|recomendarian|sugieres|sugiere|sugieren|aconsejas|aconseja|aconsejan)`,
    String.raw`\b(?:recomiendame|sugiereme|aconsejame)`,
    String.raw`^(?:what|which) (?:is|are|s) (?:the )?(?:very )?best`,
    String.raw`^best`,
    String.raw`^(?:cual|cuales) (?:es|son) (?:el|la|los|las) (?:mejor|mejores)`,
    String.raw`^(?:el|la|los|las) (?:mejor|mejores)`,
  ].join('|') + String.raw`\b`,
);
/** the words that open a question naming the thing picked before the verb ("qué bloqueador solar me recomiendan") */
const PICK_FIRST = new Set(['que', 'cual', 'cuales', 'what', 'which']);
/** a thing that is no thing to pick: "the best way to report…" asks how, and is searched as asked */
const WAYS = new Set(['way', 'ways', 'manner', 'means', 'manera', 'maneras', 'forma', 'formas', 'modo', 'modos']);
/** what may stand between the verb and the thing picked: articles, "some", "a good" is kept (good is the asker's word) */
const DETERMINERS = new Set(['a', 'an', 'some', 'any', 'the', 'un', 'una', 'unos', 'unas', 'algun', 'alguna', 'algunos', 'algunas', 'algo', 'me', 'nos']);

let fieldForms: { words: Set<string>; english: Set<string>; spanish: Map<string, string[]> } | undefined;

/** The one-word forms of the field lexicon (lexicon/es-en.json): as written, by English stem, by Spanish stem. */
function field() {
  if (fieldForms) return fieldForms;
  const words = new Set<string>();
  const english = new Set<string>();
  for (const entry of loadLexicon().entries) {
    for (const term of entry.terms) {
      const w = plainWord(term);
      if (!w || w.includes(' ')) continue;
      words.add(w);
      english.add(englishStem(w));
    }
  }
  return (fieldForms = { words, english, spanish: lexiconByStem() });
}

function plainWord(term: string): string {
  return fold(term).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function englishStem(word: string): string {
  return (lunr.stemmer as unknown as (t: lunr.Token) => lunr.Token)(new lunr.Token(word, {})).toString();
}

/** Whether the field lexicon knows the word (as written, or a form of the same English or Spanish stem). */
export function isFieldWord(word: string): boolean {
  const f = field();
  return f.words.has(word) || f.english.has(englishStem(word)) || f.spanish.has(spanishStem(word));
}

/**
 * The words of the thing a request for the assistant's own pick asks for ("a good laptop" → good, laptop; "una
 * serie de Netflix" → serie), when none of them is a word of the field: such a request is answered only by a
 * passage that names that thing. Empty when the question is no such request, or when it asks for a thing of the
 * field ("can you recommend a report on torture"), or for a clause ("can you recommend what to ask Mexico").
 * `ws`: the question's words, plain (see named-things.ts); `isPlace`: whether a word names a country or its people.
 */
export function ownPickOutsideField(ws: string[], isPlace: (word: string) => boolean = () => false): string[] {
  const text = ws.join(' ');
  const m = OWN_PICK.exec(text);
  if (!m) return [];
  let i = (m.index === 0 ? 0 : text.slice(0, m.index).trim().split(' ').length) + m[0].split(' ').length;
  while (i < ws.length && DETERMINERS.has(ws[i]!)) i++;
  const thing: string[] = [];
  for (; i < ws.length && !isStopWord(ws[i]!) && !/^\d+$/.test(ws[i]!); i++) thing.push(ws[i]!);
  // the thing asked first ("¿qué bloqueador solar me recomiendan?", "which laptop would you recommend?")
  if (!thing.length && m.index > 0 && PICK_FIRST.has(ws[0]!)) for (let k = 1; k < ws.length && !isStopWord(ws[k]!) && !/^\d+$/.test(ws[k]!); k++) thing.push(ws[k]!);
  // a place's name or adjective is no thing of the field ("a good Italian restaurant")
  return thing.some((w) => (isFieldWord(w) && !isPlace(w)) || WAYS.has(w)) ? [] : thing;
}

/**
 * A question about the asker's own affairs: "my"/"mi"/"mis" ("my car insurance", "mi tarjeta de crédito"), how
 * the asker should do something ("how do I…", "¿qué puedo hacer?", "necesito ayuda"), a task for the assistant
 * ("translate …", "¿me ayudas a hacer…?"), or a greeting and nothing else. A library of
 * documents about States answers it only when it names a State, a body or a year (named-things.ts).
 */
const PERSONAL = new RegExp(
  String.raw`\b(?:my|mi|mis|our|nuestr[oa]s?|how (?:do|can|should|could) i|what (?:can|should) i|should i|where (?:can|do|should) i|que puedo|como puedo|necesito|help me|ayudame` +
    // a task asked of the assistant ("¿me ayudas a hacer…?"), or what the asker should do ("¿qué factor le pongo…?", "¿cómo hago…?")
    String.raw`|me (?:ayudas|ayudarias|puedes ayudar|podrias ayudar)|(?:puedes|podrias) ayudarme|(?:le|me|les) pongo|(?:como|que) hago|tengo que|debo|do i have` +
    // a thing asked of the colleagues in the channel ("¿alguien me presta un cargador?", "does anyone have a spare HDMI cable?")
    String.raw`|alguien (?:me|nos) (?:presta|prestaria|puede prestar|pasa|regala)|alguien tiene (?:un|una|unos|unas)|prestame|(?:does |do )?any(?:one|body) (?:have|got) (?:a|an|some|spare)|can (?:someone|somebody|anyone|anybody) (?:lend|give) me|lend me` +
    // a joke, a riddle or a poem for the asker ("tell me a joke", "cuéntame un chiste")
    String.raw`|jokes?|chistes?|riddles?|adivinanzas?)\b` +
    // a task for the assistant, asked first ("translate …", "traduce al inglés …", "can you summarise …")
    String.raw`|^(?:please |por favor )?(?:(?:can|could|would) you (?:please )?|(?:puedes|podrias) )?(?:translate|summari[sz]e|write|draft|rewrite|proofread|traduce|traduceme|traducir|resume|resumeme|resumir|escribe|escribeme|escribir|redacta|redactame|redactar|corrige|corrigeme|corregir)\b`,
);
/** words of greeting and small talk: a question of nothing else asks nothing of the library */
const SMALL_TALK = new Set(['hello', 'hi', 'hey', 'good', 'morning', 'afternoon', 'evening', 'night', 'thanks', 'thank', 'you', 'how', 'are', 'is', 'it', 'going', 'today', 'doing', 'well', 'fine', 'ok', 'okay', 'bye', 'cheers', 'hola', 'buenos', 'buenas', 'buen', 'dia', 'dias', 'tardes', 'noches', 'gracias', 'muchas', 'que', 'tal', 'como', 'estas', 'esta', 'va', 'todo', 'bien', 'adios', 'hasta', 'luego', 'saludos']);

/**
 * The office's own affairs, which no document of the library is about: its staff's forms and pay, its parties and
 * meals, its computers and its networking posts ("the staff holiday party", "the performance review forms", "¿cómo
 * lleno el informe de gastos?", "the best time to post on LinkedIn"), a lunch place near the office, the network's logo and its
 * copyright. Not leave or social media in general: paid
 * leave and online hate speech are the field's own subjects.
 */
const OFFICE = new RegExp(
  String.raw`\b(?:holiday party|staff party|office party|christmas party|performance review|appraisal form|expense report|expenses claim|expense claim|per diem|timesheet|payslip|password|printer|wifi|wi fi|vpn|linkedin|vegan|lunch options|catering|cafe|restaurant|team building|vegetarian|lunch place|lunch spot|place for lunch|places to eat|where to eat|logo|copyright|informe de gastos|reporte de gastos|rendicion de gastos|gastos del mes|logotipo|derechos de autor|donde comer|fiesta de fin de ano|contrasena|impresora|almuerzo|restaurante` +
    // the office's farewells and seasonal gatherings ("a farewell lunch for 25 people", "la posada de la oficina")
    String.raw`|farewell (?:lunch|party|drinks|dinner|gift|card)|leaving (?:drinks|party|card)|potluck|posada de la oficina|posada del equipo|comida de despedida|fiesta de despedida|regalo de despedida)\b`,
);

/**
 * Everyday life's affairs, which no document of the library is about either: a company's shares and board, taxes to
 * file, a private lease, a residents' association, an illness's symptoms, a messaging app, a match ("the voting rights
 * of shareholders", "la declaración de la renta", "la fianza del casero", "los síntomas del dengue", "un grupo de
 * WhatsApp"). Not housing, health, work or elections in general: those are the field's own subjects.
 */
const EVERYDAY_LIFE = new RegExp(
  String.raw`\b(?:shareholders?|stockholders?|limited liability compan(?:y|ies)|llc|public limited compan(?:y|ies)|board of directors|articles of association|accionistas?|sociedad(?:es)? anonimas?|consejo de administracion|tax return|tax returns|council tax|vat return|declaracion de la renta|impuesto predial|predial|landlord|security deposit|casero|fianza del|comunidad de vecinos|consejo de vecinos|junta de vecinos|asociacion de vecinos|residents association|homeowners association|symptoms|sintomas|dengue|whatsapp|telegram group|football match|partido de futbol|del partido de la|vacation days|dias de vacaciones` +
    // cooking, a housing co-op's board, a street's works, a medical check-up ("receta de pozole", "the new bike lane",
    // "el examen periódico de salud del IMSS": a periodic review of the asker's health, not of a State)
    String.raw`|recipes?|recetas? de|housing co ?op(?:erative)?s?|co ?op board|condo board|cooperativa de vivienda|bike lanes?|cycle lanes?|ciclovias?|potholes?|baches|streetlights?|check ?ups?|chequeos? medicos?|examen(?:es)? medicos?|examen periodico de salud)\b`,
);

/**
 * What no document of a library says, whatever State or place the question names: the time there now or between two
 * places, the weather, a price or an exchange rate ("the time difference between Mexico City and Geneva right now",
 * "¿va a subir el precio del aguacate?"). Not a cost the documents may give ("how much the mechanism cost").
 */
const NO_DOCUMENT_SAYS = new RegExp(
  String.raw`\b(?:time difference|time zone difference|what time is it|what s the time in|diferencia de horario|diferencia horaria|que hora es (?:en|alla)|weather (?:in|for|forecast|like|today|tomorrow)|forecast for|clima (?:en|de|para|hace|va a hacer|habra)|pronostico del tiempo|exchange rate|tipo de cambio|precio del|precio de la|precio de los|precio de las|price of (?:a|an|the)|prices of)\b`,
);

/**
 * The office's affairs that are the office's wherever they happen ("the per diem for staff travelling to Mexico City",
 * "the wifi in the Geneva office"), travel to a session (a hotel, a taxi, a flight, a train), a visit's free time and a city's services (museums,
 * hiking, opening hours, public holidays, a pharmacy) and a match; not its passwords or logo in general, which the field also speaks of (a journalist's
 * seized passwords).
 */
const OFFICE_ANYWHERE = new RegExp(
  String.raw`\b(?:per diem|per diems|viaticos|timesheets?|payslips?|expense reports?|expense claims?|expenses claim|informe de gastos|reporte de gastos|rendicion de gastos|performance reviews?|appraisal forms?|holiday party|staff party|office party|christmas party|team building|wifi|wi fi|printers?|impresoras?|fiesta de fin de ano` +
    // travel to a session: where to stay, how to get there ("a hotel near the Palais", "un taxi al aeropuerto de Ginebra")
    String.raw`|hotels?|hostels?|hoteles|hostales|airbnb|taxis?|uber|boarding pass|car rental|rental car|alquiler de coche|renta de auto|flights? (?:to|from)|vuelos? (?:a|de|desde|para)|next train|train tickets?|train times?|boletos? de avion|billetes? de avion|pasajes? de avion` +
    // a visit's free time and a city's services ("things to do in Geneva", "¿abre la farmacia el domingo?"), a match
    String.raw`|things to do in|what to do in|que hacer en|lugares para visitar|sightseeing|tourist attractions?|atracciones turisticas|museums?|museos?|hiking|senderismo|opening hours|open on sundays?|horario de apertura|public holidays?|bank holidays?|dias? festivos?|dias? feriados?|supermarkets?|supermercados?|pharmac(?:y|ies)|farmacias?|world cup|copa del mundo|mundial de futbol|champions league|who won the match|quien gano el partido)\b`,
);

/** Whether the question asks for what no document says (NO_DOCUMENT_SAYS, OFFICE_ANYWHERE), whatever it names. */
export function asksWhatNoDocumentSays(ws: string[]): boolean {
  const text = ws.join(' ');
  return NO_DOCUMENT_SAYS.test(text) || OFFICE_ANYWHERE.test(text);
}

export function asksOwnAffairs(ws: string[]): boolean {
  const text = ws.join(' ');
  return PERSONAL.test(text) || OFFICE.test(text) || EVERYDAY_LIFE.test(text) || (ws.length > 0 && ws.every((w) => SMALL_TALK.has(w)));
}
