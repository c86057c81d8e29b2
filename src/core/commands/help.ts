import { z } from 'zod';
import { typed, UserError } from '../../kernel/errors.js';
import type { Command, Registry } from '../registry.js';
import { reply } from '../../kernel/reply.js';

/** `help` and `help <command>`, generated from the registry so it can never drift from what exists. */
export function helpCommand(registry: Registry): Command<{ topic?: string }> {
  return {
    name: 'help',
    aliases: ['ayuda', '?'],
    summary: 'What I can do, or how to use one command.',
    usage: 'help [command]',
    examples: ['help', 'help outstanding'],
    role: 'member',
    args: z.object({ topic: z.string().optional() }),
    parse: (line) => ({ topic: line.words[0] }),
    run({ topic }, { incoming }) {
      const platform = incoming.platform;
      const p = incoming.prefix ?? '';
      if (topic) {
        const c = registry.find(topic.replace(/^[!/]/, ''), platform);
        if (!c) throw new UserError('unknown-command', `I have no command called "${typed(topic)}".`, 'Type `help` to see them all.');
        const lines = [
          { label: 'Usage', text: p + c.usage },
          ...(c.aliases?.length ? [{ label: 'Also', text: c.aliases.join(', ') }] : []),
          ...(c.role === 'coordinator' ? [{ label: 'Who', text: 'coordinators only' }] : []),
          ...c.examples.map((e) => ({ label: 'Example', text: p + e })),
        ];
        return reply([{ kind: 'heading', text: `${c.name}: ${c.summary}` }, { kind: 'list', items: lines }], {
          data: { command: c.name, aliases: c.aliases ?? [], usage: c.usage, summary: c.summary, examples: c.examples, role: c.role },
        });
      }
      const commands = registry.listFor(platform);
      return reply(
        [
          { kind: 'text', text: 'Ask me anything about the coalition’s documents, in English or Spanish, or use a command:' },
          {
            kind: 'list',
            items: commands.map((c) => ({ label: p + c.usage, text: c.summary + (c.role === 'coordinator' ? ' (coordinators)' : '') })),
          },
          { kind: 'text', text: `Type \`${p}help <command>\` for examples.`, tone: 'muted' },
          ...(platform === 'cli'
            ? [
                {
                  kind: 'list' as const,
                  title: 'Command-line options (any command):',
                  items: [
                    { label: '--channel <channel>', text: 'act for a chat channel: slack:C0123ABC, matrix:!room:example.org or console (subscribe, unsubscribe, reminders)' },
                    { label: '--json', text: 'print the answer as one JSON line' },
                    { label: '--as <name>', text: 'who is acting, for the audit log' },
                  ],
                },
              ]
            : []),
        ],
        { data: { commands: commands.map((c) => ({ name: c.name, usage: c.usage, summary: c.summary, role: c.role })) } },
      );
    },
  };
}
