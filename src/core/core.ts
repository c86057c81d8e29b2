import type { Logger } from 'pino';
import { parseArguments } from './command-line.js';
import { addSharedFiles } from './file-intake.js';
import { UserError } from '../kernel/errors.js';
import type { Incoming } from './incoming.js';
import type { Actor, Command, Registry } from './registry.js';
import { errorReply, type Reply } from '../kernel/reply.js';
import type { Services } from './services.js';

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

  async function handle(incoming: Incoming): Promise<Reply> {
    // Every message counts against the limit first, an over-long one too (a flood of them is still a flood).
    if (incoming.trusted !== true && options.rateLimiter && !options.rateLimiter.allow(incoming.user)) {
      return errorReply('You are asking faster than I can answer well; please wait a minute and ask again.', undefined, { error: 'rate-limited' });
    }
    if (incoming.files) return addFiles(incoming, incoming.files);
    if (incoming.text.length > maxInputChars) {
      return errorReply(
        `That message is too long for me (${incoming.text.length.toLocaleString('en')} characters; the limit is ${maxInputChars.toLocaleString('en')}).`,
        'Ask a shorter question, or split a long list into several commands.',
      );
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
        throw new UserError('bad-arguments', sentence(first?.message ?? 'That command is not complete.'), `Usage: ${incoming.prefix ?? ''}${command.usage}. Type \`${incoming.prefix ?? ''}help ${command.name}\` for examples.`);
      }
      const actor = actorOf(incoming);
      if (options.logContent) log.debug({ content: incoming.text, user: incoming.user, channel: incoming.channel, command: command.name }, 'message (PLEDGEWATCH_LOG_CONTENT is on)');
      if (command.role === 'coordinator' && !actor.isCoordinator) {
        return errorReply(
          `Sorry, only the coalition's coordinators can use \`${command.name}\`.`,
          'Ask a coordinator to record it, or to add you to PLEDGEWATCH_COORDINATORS.',
        );
      }
      options.storage?.beforeCommand();
      const reply = await command.run(parsed.data, { incoming, actor, services: options.servicesFor?.({ incoming, actor, command: command.name }) ?? services });
      options.storage?.afterCommand();
      return reply;
    } catch (err) {
      return failed(err, incoming, command?.name);
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

  function failed(err: unknown, incoming: Incoming, command: string | undefined): Reply {
    if (err instanceof UserError) return errorReply(err.sentence, err.hint, { error: err.sentence, code: err.code, hint: err.hint });
    if (options.storage?.cannotSave(err)) {
      log.warn({ code: (err as { code?: string }).code, command, platform: incoming.platform }, 'a command could not save');
      const hint = 'Reading still works. Tell the operator: the health check names the cause.';
      return errorReply(CANNOT_SAVE, hint, { error: CANNOT_SAVE, code: 'cannot-save', hint });
    }
    log.error({ err, command, platform: incoming.platform }, 'command failed');
    return errorReply('Something went wrong on my side while doing that; it has been logged.', 'Nothing was half-done: try again in a moment, or tell the operator if it keeps happening.');
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
