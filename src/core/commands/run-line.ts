import { parseArguments } from '../command-line.js';
import { UserError } from '../../kernel/errors.js';
import type { Reply } from '../../kernel/reply.js';
import type { CommandContext, Registry } from '../registry.js';

/**
 * Runs a command line for a command that routed free text to it ("which documents do you have?" → `documents`):
 * the same parsing, validation and role check as the core. Returns undefined when the line names no command.
 */
export async function runLine(registry: Registry, line: string, ctx: CommandContext): Promise<Reply | undefined> {
  const m = /^(\S+)\s*([\s\S]*)$/.exec(line.trim());
  const command = m ? registry.find(m[1]!, ctx.incoming.platform) : undefined;
  if (!m || !command) return undefined;
  const parsedLine = parseArguments(command.name, m[2] ?? '', command.flags ?? {});
  const parsed = command.args.safeParse(command.parse ? command.parse(parsedLine) : parsedLine);
  if (!parsed.success) throw new UserError('bad-arguments', parsed.error.issues[0]?.message ?? 'That command is not complete.', `Usage: ${command.usage}.`);
  if (command.role === 'coordinator' && !ctx.actor.isCoordinator) return undefined;
  return command.run(parsed.data, ctx);
}
