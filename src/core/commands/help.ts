import { z } from 'zod';
import { typed, UserError } from '../../kernel/errors.js';
import { speech, type Command, type Registry } from '../registry.js';
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
    run({ topic }, ctx) {
      const { incoming } = ctx;
      const platform = incoming.platform;
      const p = incoming.prefix ?? '';
      const { lang, t } = speech(ctx);
      // In Spanish, each command under its Spanish name ("pendientes [Estado]"), with its Spanish summary.
      const es = lang === 'es' && platform !== 'cli';
      const usageOf = (c: Command) => (es ? t(`commands.${c.name}.usage`, { defaultValue: c.usage }) : c.usage);
      const summaryOf = (c: Command) => (es ? t(`commands.${c.name}.summary`, { defaultValue: c.summary }) : c.summary);
      const nameOf = (c: Command) => (es ? t(`commands.${c.name}.name`, { defaultValue: c.name }) : c.name);
      const helpWord = es ? t('commands.help.name') : 'help';
      if (topic) {
        const c = registry.find(topic.replace(/^[!/]/, ''), platform);
        if (!c) throw new UserError('unknown-command', `I have no command called "${typed(topic)}".`, 'Type `help` to see them all.', { topic: typed(topic) });
        const lines = [
          { label: t('help.usage'), text: p + usageOf(c) },
          ...(c.aliases?.length || es ? [{ label: t('help.also'), text: [c.name, ...(c.aliases ?? [])].filter((a) => a !== nameOf(c)).join(', ') }] : []),
          ...(c.role === 'coordinator' ? [{ label: t('help.who'), text: t('help.coordinatorsOnly') }] : []),
          ...c.examples.map((e) => ({ label: t('help.example'), text: p + (es ? e.replace(/^\S+/, (w) => (w === c.name ? nameOf(c) : w)) : e) })),
        ];
        return reply([{ kind: 'heading', text: `${nameOf(c)}: ${summaryOf(c)}` }, { kind: 'list', items: lines }], {
          data: { command: c.name, aliases: c.aliases ?? [], usage: c.usage, summary: c.summary, examples: c.examples, role: c.role },
        });
      }
      const commands = registry.listFor(platform);
      return reply(
        [
          { kind: 'text', text: t('help.intro') },
          {
            kind: 'list',
            items: commands.map((c) => ({ label: p + usageOf(c), text: summaryOf(c) + (c.role === 'coordinator' ? t('help.coordinators') : '') })),
          },
          { kind: 'text', text: t('help.more', { help: `${p}${helpWord} <${es ? 'comando' : 'command'}>` }), tone: 'muted' },
          ...(platform === 'cli' ? [] : [{ kind: 'text' as const, text: t('help.language'), tone: 'muted' as const }]),
          ...(platform === 'cli'
            ? [
                {
                  kind: 'list' as const,
                  title: 'Command-line options (any command):',
                  items: [
                    { label: '--channel <channel>', text: 'act for a chat channel: slack:C0123ABC, matrix:!room:example.org or console (subscribe, unsubscribe, reminders)' },
                    { label: '--json', text: 'print the answer as one JSON line' },
                    { label: '--output <file>', text: 'write a command’s file (export) there instead of to stdout; never over an existing file' },
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
