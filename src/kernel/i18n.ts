import i18next, { type TOptions } from 'i18next';
import { foldAccents } from './text.js';
import { en } from './locales/en.js';
import { es } from './locales/es.js';

/**
 * The bot's own sentences in English and Spanish (i18next: plural rules by Intl.PluralRules, interpolation),
 * and dates and numbers formatted by Intl for the language. Quotes from documents are never translated:
 * only what the bot itself says goes through here.
 */
export type Lang = 'en' | 'es';
export const LANGS: readonly Lang[] = ['en', 'es'];

const instance = i18next.createInstance();
void instance.init({
  resources: { en: { translation: en }, es: { translation: es } },
  lng: 'en',
  fallbackLng: 'en',
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
  showSupportNotice: false,
} as Parameters<typeof instance.init>[0]);

/** A translate function fixed to one language: t('reply.key', { count, state }). */
export type T = (key: string, options?: TOptions) => string;

const translators = new Map<Lang, T>();
export function translator(lang: Lang): T {
  let t = translators.get(lang);
  if (!t) translators.set(lang, (t = instance.getFixedT(lang) as unknown as T));
  return t;
}

/** Whether a language has its own sentence for this key (not the English fallback). */
export const hasSentence = (lang: Lang, key: string): boolean => instance.exists(key, { lng: lang, fallbackLng: false } as TOptions);

/** The BCP 47 locale Intl formats with: British English (day month year), Spanish of Spain. */
export const localeOf = (lang: Lang): string => (lang === 'es' ? 'es-ES' : 'en-GB');

/** "1 December 2026" / "1 de diciembre de 2026": a calendar day (YYYY-MM-DD) as people read it. */
export function longDay(isoDay: string, lang: Lang): string {
  return new Intl.DateTimeFormat(localeOf(lang), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${isoDay.slice(0, 10)}T12:00:00Z`));
}

/** "1,234" / "1234": a count as the language writes it. */
export const number = (n: number, lang: Lang): string => new Intl.NumberFormat(localeOf(lang)).format(n);

/** "Mexico, Brazil and Chile" / "Mexico, Brasil y Chile". */
export const listOf = (items: string[], lang: Lang): string => new Intl.ListFormat(localeOf(lang), { type: 'conjunction' }).format(items);

/** 'es' for "es", "español", "spanish", "castellano"; 'en' for "en", "english", "inglés"; undefined otherwise. */
export function languageNamed(word: string): Lang | undefined {
  const w = foldAccents(word).toLowerCase().trim();
  if (['es', 'esp', 'spa', 'espanol', 'spanish', 'castellano'].includes(w)) return 'es';
  if (['en', 'eng', 'english', 'ingles'].includes(w)) return 'en';
  return undefined;
}

const ES_WORDS = new Set(
  'que cual cuales cuando cuanto cuantos cuantas quien quienes donde como por para sin con los las del una unos unas esta este estas estos semana preguntas pregunta respuesta respuestas respondido respondio responder contestado falta faltan tiene tienen debe deben hay hola buenos buenas dias tardes noches gracias sobre hasta plazo plazos carta cartas aun todavia ya cambio cambiado cambios pendientes ayuda eres puedes tienes documentos'.split(' '),
);
const EN_WORDS = new Set(
  'the what which when who whom how does did do has have had is are was were to of for about questions question answer answers answered reply replied still yet owe owes owed hello hi thanks this week changed deadline deadlines letter letters can you your documents help outstanding'.split(' '),
);

/**
 * The language a message is written in, when its words say so: Spanish punctuation (¿ ¡) or more Spanish than
 * English function words. A bare command ("outstanding Mexico") says nothing: undefined.
 */
export function languageOfText(text: string): Lang | undefined {
  if (/[¿¡]/.test(text)) return 'es';
  const words = foldAccents(text).toLowerCase().match(/\p{L}+/gu) ?? [];
  let es = 0;
  let eng = 0;
  for (const w of words) {
    if (ES_WORDS.has(w)) es++;
    if (EN_WORDS.has(w)) eng++;
  }
  if (es > eng) return 'es';
  if (eng > es) return 'en';
  return undefined;
}
