import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Adapter, AdapterStatus } from '../../src/core/adapter.js';
import type { Core } from '../../src/core/core.js';
import { renderPlain, type Reply } from '../../src/kernel/reply.js';
import { ChannelRef, UserRef } from '../../src/kernel/channel.js';

export interface ConsoleAdapterOptions {
  core: Core;
  input: Readable;
  output: Writable;
  /** called when the person leaves (quit, Ctrl-D, Ctrl-C) */
  onClose?: () => void;
}

export const CONSOLE_CHANNEL = ChannelRef.format({ platform: 'console' });
const CONSOLE_USER = UserRef.format('console', 'you');
const QUIT = new Set(['quit', 'exit', 'salir', ':q']);

/**
 * The local terminal chat: one person, the `console` channel, plain text. Reminders for the `console`
 * channel are printed here too.
 */
export function createConsoleAdapter(options: ConsoleAdapterOptions): Adapter {
  const { core, input, output } = options;
  let rl: Interface | undefined;
  let open = false;
  let queue = Promise.resolve();

  const write = (s: string) => output.write(s.endsWith('\n') ? s : s + '\n');

  const handleLine = async (line: string) => {
    const text = line.trim();
    if (!text) return;
    if (QUIT.has(text.toLowerCase())) {
      rl?.close();
      return;
    }
    const reply = await core.handle({ platform: 'console', channel: CONSOLE_CHANNEL, user: CONSOLE_USER, text, isDirect: true, trusted: true });
    write('\n' + renderPlain(reply) + '\n');
  };

  return {
    platform: 'console',
    sender: {
      platform: 'console',
      async send(_channel: string, reply: Reply, key: string) {
        write('\n' + renderPlain(reply) + '\n');
        rl?.prompt(true);
        return { messageId: `console:${key}` };
      },
    },
    async start() {
      open = true;
      rl = createInterface({ input, output, prompt: 'pledgewatch› ', terminal: (output as { isTTY?: boolean }).isTTY === true });
      write('pledgewatch: ask about the coalition’s documents in English or Spanish, or type `help`. `quit` or Ctrl-D to leave.');
      rl.on('line', (line) => {
        // One line at a time, in order, even when an answer takes a while.
        queue = queue.then(() => handleLine(line)).then(() => {
          if (open) rl?.prompt();
        });
      });
      rl.on('SIGINT', () => rl?.close());
      rl.on('close', () => {
        void queue.then(() => {
          if (!open) return;
          open = false;
          write('Goodbye.');
          options.onClose?.();
        });
      });
      rl.prompt();
    },
    async stop() {
      rl?.close();
      await queue;
    },
    status: (): AdapterStatus => ({ connected: open }),
  };
}
