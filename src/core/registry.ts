import type { z } from 'zod';
import type { CommandLine, FlagSpec } from './command-line.js';
import type { Incoming, Platform } from './incoming.js';
import type { Reply } from '../kernel/reply.js';
import type { Services } from './services.js';
import { translator, type Lang, type T } from '../kernel/i18n.js';

export type Role = 'member' | 'coordinator';

export interface Actor {
  /** platform-qualified user id */
  id: string;
  isCoordinator: boolean;
}

export interface CommandContext {
  incoming: Incoming;
  actor: Actor;
  services: Services;
  /** the language to answer in: the channel's (`language es`), else the question's, else English */
  lang?: Lang;
}

/** The language a command answers in, and its translate function. */
export function speech(ctx: Pick<CommandContext, 'lang'>): { lang: Lang; t: T } {
  const lang = ctx.lang ?? 'en';
  return { lang, t: translator(lang) };
}

/** Commands are data: help, CLI usage and every platform's grammar come from these fields. */
export interface Command<A = any> {
  name: string;
  aliases?: string[];
  /** one line, shown by `help` */
  summary: string;
  /** "outstanding [State]" */
  usage: string;
  examples: string[];
  role: Role;
  /** where the command is offered; everywhere when absent */
  platforms?: Platform[];
  /** the options it takes, by name without the leading -- */
  flags?: FlagSpec;
  /** validates what `parse` made of the command line; its messages reach the user, so write sentences */
  args: z.ZodType<A>;
  /** turns the command line into the value `args` validates (default: { words, flags, rest }) */
  parse?(line: CommandLine): unknown;
  run(args: A, ctx: CommandContext): Promise<Reply> | Reply;
}

export class Registry {
  private readonly byName = new Map<string, Command>();
  readonly commands: Command[] = [];

  constructor(commands: Command[] = []) {
    for (const c of commands) this.add(c);
  }

  add(command: Command): this {
    for (const key of [command.name, ...(command.aliases ?? [])]) {
      const k = key.toLowerCase();
      if (this.byName.has(k)) throw new Error(`Two commands are called "${k}"`);
      this.byName.set(k, command);
    }
    this.commands.push(command);
    return this;
  }

  find(word: string, platform?: Platform): Command | undefined {
    const c = this.byName.get(word.toLowerCase());
    if (!c) return undefined;
    return availableOn(c, platform) ? c : undefined;
  }

  listFor(platform?: Platform): Command[] {
    return this.commands.filter((c) => availableOn(c, platform));
  }
}

const availableOn = (c: Command, platform?: Platform) => !platform || !c.platforms || c.platforms.includes(platform);
