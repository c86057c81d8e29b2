import { z } from 'zod';
import { UserError, typed } from '../../kernel/errors.js';
import { languageNamed, translator } from '../../kernel/i18n.js';
import { reply } from '../../kernel/reply.js';
import { speech, type Command } from '../registry.js';

/**
 * `language es` / `idioma en`: the language of the bot's own sentences in this channel (quotes stay in their
 * document's language). Without a word, it says what is set. `language auto` forgets the choice.
 */
export const languageCommand: Command<{ word?: string }> = {
  name: 'language',
  aliases: ['idioma', 'lang'],
  summary: 'The language of my replies in this channel: English (en) or Spanish (es).',
  usage: 'language [en|es|auto]',
  examples: ['language es', 'language en', 'language'],
  role: 'member',
  args: z.object({ word: z.string().optional() }),
  parse: (line) => ({ word: line.words.join(' ') || undefined }),
  run({ word }, ctx) {
    const store = ctx.services.languages;
    const channel = ctx.incoming.channel;
    if (!word) {
      const chosen = store?.get(channel);
      const { t } = speech(ctx);
      return reply([{ kind: 'text', text: chosen ? t('language.current', { language: t(`language.name.${chosen}`) }) : t('language.unset') }], { data: { channel, language: chosen ?? null } });
    }
    if (/^(auto|none|ninguno|automatico|automático)$/i.test(word.trim())) {
      store?.set(channel, undefined);
      return reply([{ kind: 'text', text: speech(ctx).t('language.unset') }], { visibility: 'channel', data: { channel, language: null } });
    }
    const lang = languageNamed(word);
    if (!lang) throw new UserError('bad-language', `I speak English (en) and Spanish (es), not "${typed(word, 20)}".`, 'Such as `language es`.', { language: typed(word, 20) });
    if (!store) throw new UserError('no-language-store', 'This place cannot keep a language setting.', 'Ask in the language you want the answer in.');
    store.set(channel, lang);
    return reply([{ kind: 'text', text: translator(lang)('language.set') }], { visibility: 'channel', data: { channel, language: lang } });
  },
};
