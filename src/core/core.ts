import type { Logger } from 'pino';
import { parseArguments } from './command-line.js';
import { addSharedFiles } from './file-intake.js';
import { UserError } from '../kernel/errors.js';
import type { Incoming } from './incoming.js';
import type { Actor, Command, Registry } from './registry.js';
import { errorReply, type Reply } from '../kernel/reply.js';
import type { Services } from './services.js';
import { hasSentence, languageOfText, number, translator, type Lang, type T } from '../kernel/i18n.js';
import { es } from '../kernel/locales/es.js';

export interface CoreOptions {
  registry: Registry;
  services: Services;
  /** platform-qualified ids from PLEDGEWATCH_COORDINATORS */
  coordinators: string[];
  logger: Logger;
  maxInputChars: number;
  /** the command free text goes to */
  defaultCommand?: string;
  /** log what people write, at debug level (PLEDGEWATCH_LOG_CONTENT: for a test workspace only, never in production) */
  logContent?: boolean;
  /** per-user limit on messages from chat platforms (a trusted Incoming, the console's or the CLI's, is never limited) */
  rateLimiter?: { allow(key: string): boolean };
  /**
   * The storage's word on saving (full disk): told before and after each command, and asked whether an error a
   * command threw means nothing could be saved. Reading still works then; a command that writes gets one sentence.
   */
  storage?: { beforeCommand(): void; afterCommand(): void; cannotSave(err: unknown): boolean };
  /** the services as this reader may see them (sensitive askers masked where the rule says); `services` when absent */
  servicesFor?(ctx: { incoming: Incoming; actor: Actor; command: string }): Services;
}

/** What a command that had to write is told when the storage cannot take it (the transaction rolled back). */
export const CANNOT_SAVE = 'The bot cannot save right now; nothing was recorded.';

/** The Spanish command names ("pendientes México"): a message that starts with one is in Spanish. */
const SPANISH_NAMES = new Set([...Object.entries(es.commands).filter(([name, c]) => c.name !== name).map(([, c]) => c.name), 'página']);

/** A UserError in the reader's language: its Spanish from the locale when it has one and every value it names. */
export function userErrorIn(err: UserError, lang: Lang): { sentence: string; hint?: string } {
  const key = `errors.${err.code}`;
  if (lang === 'en' || !hasSentence(lang, `${key}.sentence`)) return { sentence: err.sentence, hint: err.hint };
  const t = translator(lang);
  const raw = (k: string) => t(k, { skipInterpolation: true } as never);
  const needed = [...`${raw(`${key}.sentence`)} ${hasSentence(lang, `${key}.hint`) ? raw(`${key}.hint`) : ''}`.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!);
  if (needed.some((n) => err.params?.[n] === undefined)) return { sentence: err.sentence, hint: err.hint };
  return { sentence: t(`${key}.sentence`, err.params), hint: hasSentence(lang, `${key}.hint`) ? t(`${key}.hint`, err.params) : err.hint };
}

export interface Core {
  readonly registry: Registry;
  handle(incoming: Incoming): Promise<Reply>;
}

/**
 * The one path every platform takes: Incoming → command → validated arguments → role check → Reply.
 * Nothing here knows how a reply is drawn or sent.
 */
export function createCore(options: CoreOptions): Core {
  const { registry, services, logger, maxInputChars } = options;
  const coordinators = new Set(options.coordinators);
  const defaultCommand = options.defaultCommand ?? 'ask';
  const log = logger.child({ module: 'core' });

  function actorOf(incoming: Incoming): Actor {
    return { id: incoming.user, isCoordinator: incoming.trusted === true || coordinators.has(incoming.user) || incoming.platformCoordinator === true };
  }

  function resolve(incoming: Incoming): { command: Command; rest: string } {
    const text = incoming.text.trim();
    const m = /^(\S+)\s*([\s\S]*)$/.exec(text);
    const first = m ? m[1]!.replace(/^[!/]/, '') : '';
    const byName = first ? registry.find(first, incoming.platform) : undefined;
    if (!text) return { command: must(registry.find('help', incoming.platform)), rest: '' };
    if (byName) return { command: byName, rest: m![2] ?? '' };
    return { command: must(registry.find(defaultCommand, incoming.platform)), rest: text };
  }

  /** The channel's chosen language, else the message's (a Spanish command name, Spanish words), else English. */
  function languageOf(incoming: Incoming): Lang {
    const chosen = services.languages?.get(incoming.channel);
    if (chosen) return chosen;
    const first = /^\s*[!/]?(\S+)/.exec(incoming.text)?.[1]?.toLowerCase();
    if (first && SPANISH_NAMES.has(first)) return 'es';
    return languageOfText(incoming.text.slice(0, 500)) ?? 'en';
  }

  async function handle(incoming: Incoming): Promise<Reply> {
    // Every message counts against the limit first, an over-long one too (a flood of them is still a flood).
    const limited = incoming.trusted !== true && options.rateLimiter && !options.rateLimiter.allow(incoming.user);
    let lang: Lang = 'en';
    try {
      lang = languageOf(incoming);
    } catch (err) {
      log.warn({ code: (err as { code?: string }).code }, 'could not read the channel language');
    }
    const t: T = translator(lang);
    if (limited) {
      return errorReply(t('core.rateLimited'), undefined, { error: 'rate-limited' });
    }
    if (incoming.files) return addFiles(incoming, incoming.files);
    if (incoming.text.length > maxInputChars) {
      return errorReply(t('core.tooLong', { length: number(incoming.text.length, lang), limit: number(maxInputChars, lang) }), t('core.tooLongHint'));
    }
    let command: Command | undefined;
    try {
      const resolved = resolve(incoming);
      command = resolved.command;
      const line = parseArguments(command.name, resolved.rest, command.flags ?? {});
      const raw = command.parse ? command.parse(line) : line;
      const parsed = command.args.safeParse(raw);
      if (!parsed.success) {
        const first = parsed.error.issues[0];
        const p = incoming.prefix ?? '';
        const usage = lang === 'en' ? command.usage : t(`commands.${command.name}.usage`, { defaultValue: command.usage });
        const help = lang === 'en' ? `help ${command.name}` : `${t('commands.help.name')} ${t(`commands.${command.name}.name`, { defaultValue: command.name })}`;
        throw new UserError('bad-arguments', lang === 'en' ? sentence(first?.message ?? 'That command is not complete.') : t('core.incomplete'), t('core.usage', { usage: p + usage, help: p + help }));
      }
      const actor = actorOf(incoming);
      if (options.logContent) log.debug({ content: incoming.text, user: incoming.user, channel: incoming.channel, command: command.name }, 'message (PLEDGEWATCH_LOG_CONTENT is on)');
      if (command.role === 'coordinator' && !actor.isCoordinator) {
        return errorReply(t('core.coordinatorsOnly', { command: command.name }), t('core.coordinatorsOnlyHint'));
      }
      options.storage?.beforeCommand();
      const reply = await command.run(parsed.data, { incoming, actor, lang, services: options.servicesFor?.({ incoming, actor, command: command.name }) ?? services });
      options.storage?.afterCommand();
      return reply;
    } catch (err) {
      return failed(err, incoming, command?.name, lang);
    }
  }

  /** Files shared for the library (the adapter found them; nothing is downloaded yet): the same role rule as `add`. */
  async function addFiles(incoming: Incoming, files: NonNullable<Incoming['files']>): Promise<Reply> {
    try {
      const actor = actorOf(incoming);
      options.storage?.beforeCommand();
      // the services `track` would get here, so a `confirm` typed after the preview finds it
      const ctxServices = options.servicesFor?.({ incoming, actor, command: 'track' }) ?? services;
      const reply = await addSharedFiles(files, { incoming, actor, services: ctxServices }, registry);
      options.storage?.afterCommand();
      return reply;
    } catch (err) {
      return failed(err, incoming, 'add');
    }
  }

  /** A command's failure as the reader's language says it: a UserError's sentence, a full disk, or a short apology. */
  function failed(err: unknown, incoming: Incoming, command: string | undefined, lang: Lang = 'en'): Reply {
    const t = translator(lang);
    if (err instanceof UserError) {
      const said = userErrorIn(err, lang);
      return errorReply(said.sentence, said.hint, { error: said.sentence, code: err.code, hint: said.hint });
    }
    if (options.storage?.cannotSave(err)) {
      log.warn({ code: (err as { code?: string }).code, command, platform: incoming.platform }, 'a command could not save');
      const hint = t('core.cannotSaveHint');
      return errorReply(t('core.cannotSave'), hint, { error: t('core.cannotSave'), code: 'cannot-save', hint });
    }
    log.error({ err, command, platform: incoming.platform }, 'command failed');
    return errorReply(t('core.crashed'), t('core.crashedHint'));
  }

  return { registry, handle };
}

function must<T>(v: T | undefined): T {
  if (!v) throw new Error('the registry has no help or default command');
  return v;
}

function sentence(s: string): string {
  const t = s.trim();
  const capital = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]$/.test(capital) ? capital : capital + '.';
}
