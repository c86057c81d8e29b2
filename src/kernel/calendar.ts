import { DateTime } from 'luxon';
import { localeOf, translator, type Lang, type T } from './i18n.js';

/**
 * The calendar of deadlines, once: a deadline is a date (YYYY-MM-DD) in a zone and passes at the end of that
 * day; days are calendar days of the zone (luxon, never 86 400 s), so a daylight-saving change moves nothing.
 */

/** Whole calendar days from `now` to the deadline day, in `zone`: 7 = in a week, 0 = today, -3 = three days late. */
export function daysLeft(deadline: string, now: Date, zone: string): number {
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const day = DateTime.fromISO(deadline, { zone }).startOf('day');
  return Math.round(day.diff(today, 'days').days);
}

/** The instant (epoch ms) the deadline passes: the end of its day in its zone. */
export function deadlineEnd(deadline: string, zone: string): number {
  return DateTime.fromISO(deadline, { zone }).endOf('day').toMillis();
}

/**
 * How far off a deadline is, in words: "tomorrow", "today", "overdue by 3 days", and for later days
 * "5 days left" (the ledger's listings) or "in 5 days" (a reminder's sentence).
 */
export function dueIn(days: number, later: 'left' | 'in' = 'left', t: T = translator('en')): string {
  if (days > 1) return t(later === 'left' ? 'due.left' : 'due.in', { count: days });
  if (days === 1) return t('due.tomorrow');
  if (days === 0) return t('due.today');
  return t('due.overdue', { count: -days });
}

/** A deadline day as people read it: "1 December 2026", "1 de diciembre de 2026". */
export const longDate = (deadline: string, zone: string, lang: Lang = 'en'): string => DateTime.fromISO(deadline, { zone }).setLocale(localeOf(lang)).toLocaleString(DateTime.DATE_FULL);

/**
 * Names people use for a zone the tz database files under another city: the coalition works from Geneva,
 * whose clocks are Europe/Zurich's (there is no Europe/Geneva in the database).
 */
const ZONE_ALIASES: Record<string, string> = { 'europe/geneva': 'Europe/Zurich', 'europe/geneve': 'Europe/Zurich', 'europe/genève': 'Europe/Zurich' };

/** The IANA zone a name stands for (Europe/Geneva → Europe/Zurich), or undefined when it is none. */
export function canonicalTimeZone(name: string): string | undefined {
  const zone = ZONE_ALIASES[name.trim().toLowerCase()] ?? name.trim();
  return isTimeZone(zone) ? zone : undefined;
}

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
