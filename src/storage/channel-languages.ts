import type { Lang } from '../kernel/i18n.js';
import type { KeyValue } from './key-value.js';

/** The language each channel chose for the bot's replies (`language es`), kept in the key-value store. */
export interface ChannelLanguages {
  get(channel: string): Lang | undefined;
  /** undefined forgets the choice (replies follow each question's language again) */
  set(channel: string, lang: Lang | undefined, nowMs?: number): void;
}

const key = (channel: string) => `language:${channel}`;

export function channelLanguages(kv: KeyValue): ChannelLanguages {
  return {
    get(channel) {
      const v = kv.get(key(channel));
      return v === 'en' || v === 'es' ? v : undefined;
    },
    set(channel, lang, nowMs) {
      if (lang) kv.set(key(channel), lang, nowMs);
      else kv.delete(key(channel));
    },
  };
}
