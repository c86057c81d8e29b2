import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseArguments, splitWords } from '../../src/core/command-line.js';
import { buildRegistry } from '../../src/core/commands/index.js';
import { helpCommand } from '../../src/core/commands/help.js';
import { createCore } from '../../src/core/core.js';
import type { Incoming } from '../../src/core/incoming.js';
import { Registry, type Command } from '../../src/core/registry.js';
import { reply, renderPlain } from '../../src/kernel/reply.js';
import type { Services } from '../../src/core/services.js';
import { silentLogger } from '../../src/logging.js';

const said = (r: { blocks: unknown[] }) => renderPlain(r as never);

function coreWith(commands: Command[], coordinators: string[] = []) {
  const registry = new Registry(commands);
  registry.add(helpCommand(registry));
  return createCore({ registry, services: {} as Services, coordinators, logger: silentLogger(), maxInputChars: 200 });
}
const from = (text: string, user = 'slack:U1', platform: Incoming['platform'] = 'slack'): Incoming => ({ platform, channel: 'slack:C1', user, text, isDirect: false });

const echo: Command<{ words: string[] }> = {
  name: 'echo',
  aliases: ['repeat'],
  summary: 'Says it back.',
  usage: 'echo <words>',
  examples: ['echo hello'],
  role: 'member',
  args: z.object({ words: z.array(z.string()).min(1, 'echo needs something to say') }),
  parse: (line) => ({ words: line.words }),
  run: ({ words }) => reply([{ kind: 'text', text: words.join('|') }]),
};
const ask: Command<{ q: string }> = {
  name: 'ask',
  summary: 'Answers.',
  usage: 'ask <question>',
  examples: [],
  role: 'member',
  args: z.object({ q: z.string() }),
  parse: (line) => ({ q: line.rest }),
  run: ({ q }) => reply([{ kind: 'text', text: `asked: ${q}` }]),
};
const record: Command = { ...echo, name: 'record', aliases: [], role: 'coordinator', run: () => reply([{ kind: 'text', text: 'recorded' }]) };
const boom: Command = { ...echo, name: 'boom', aliases: [], run: () => { throw new Error('secret detail'); } };

describe('the command line', () => {
  it('keeps quoted phrases together, straight or typographic', () => {
    expect(splitWords('answered Mexico 5 "sent by email"')).toEqual(['answered', 'Mexico', '5', 'sent by email']);
    expect(splitWords('track “new letter”')).toEqual(['track', 'new letter']);
  });
  it('takes declared options and refuses unknown ones with a sentence', () => {
    expect(parseArguments('answered', 'Mexico 5 --letter=abc', { letter: 'value' }).flags).toEqual({ letter: 'abc' });
    expect(parseArguments('answered', 'Mexico --letter abc 5', { letter: 'value' }).words).toEqual(['Mexico', '5']);
    expect(() => parseArguments('answered', 'Mexico --lettre abc', { letter: 'value' })).toThrow(/has no option --lettre/);
  });
});

describe('the core', () => {
  it('routes a command by name or alias, and free text to ask', async () => {
    const core = coreWith([echo, ask]);
    expect(said(await core.handle(from('echo a b')))).toBe('a|b');
    expect(said(await core.handle(from('REPEAT x')))).toBe('x');
    expect(said(await core.handle(from('Who asked question 7?')))).toBe('asked: Who asked question 7?');
  });

  it('answers an empty message with help', async () => {
    expect(said(await coreWith([echo, ask]).handle(from('  ')))).toMatch(/echo <words>/);
  });

  it('turns a schema failure into one sentence with the usage', async () => {
    const r = await coreWith([echo, ask]).handle(from('echo'));
    expect(said(r)).toBe('Echo needs something to say.\nUsage: echo <words>. Type `help echo` for examples.');
  });

  it('refuses a coordinator command to a member, politely, without running it', async () => {
    const core = coreWith([record, ask], ['slack:UBOSS']);
    expect(said(await core.handle(from('record x')))).toMatch(/only the coalition's coordinators/);
    expect(said(await core.handle(from('record x', 'slack:UBOSS')))).toBe('recorded');
    expect(said(await core.handle({ ...from('record x'), platformCoordinator: true }))).toBe('recorded');
    expect(said(await core.handle({ ...from('record x', 'console:you', 'console'), trusted: true }))).toBe('recorded');
  });

  it('trusts the operator only when the adapter says so, whatever the platform is called', async () => {
    const core = coreWith([record, ask]);
    expect(said(await core.handle(from('record x', 'console:you', 'console')))).toMatch(/only the coalition's coordinators/);
    expect(said(await core.handle({ ...from('record x', 'cli:operator', 'cli'), trusted: true }))).toBe('recorded');
  });

  it('refuses oversized input with a sentence', async () => {
    expect(said(await coreWith([echo, ask]).handle(from('x'.repeat(201))))).toMatch(/too long/);
  });

  it('hides a bug behind an apology and never shows its details', async () => {
    const r = said(await coreWith([boom, ask]).handle(from('boom x')));
    expect(r).toMatch(/Something went wrong/);
    expect(r).not.toMatch(/secret detail/);
  });

  it('generates help from the registry', async () => {
    const r = await coreWith([echo, ask]).handle(from('help echo'));
    expect(said(r)).toMatch(/Usage echo <words>/);
    expect(said(r)).toMatch(/Example echo hello/);
    expect(said(await coreWith([echo, ask]).handle(from('help nothing')))).toMatch(/no command called "nothing"/);
  });

  it('registers every command name once', () => {
    expect(() => buildRegistry()).not.toThrow();
  });
});

describe('the core under a flood', () => {
  it('asks a chat user who floods it to wait, and never limits the console', async () => {
    const registry = new Registry([echo, ask]);
    registry.add(helpCommand(registry));
    let allowed = 1;
    const core = createCore({ registry, services: {} as Services, coordinators: [], logger: silentLogger(), maxInputChars: 200, rateLimiter: { allow: () => allowed-- > 0 } });
    expect(said(await core.handle(from('echo a')))).toBe('a');
    expect(said(await core.handle(from('echo a')))).toMatch(/wait a minute/);
    expect(said(await core.handle({ ...from('echo a', 'console:you', 'console'), trusted: true }))).toBe('a');
  });
});

describe('help on each platform', () => {
  it('shows what to type where commands need a prefix (/pledgewatch in Slack, !pw in Matrix)', async () => {
    const core = coreWith([echo, ask]);
    const r = said(await core.handle({ ...from('help'), prefix: '/pledgewatch ' }));
    expect(r).toMatch(/• \/pledgewatch echo <words>/);
    expect(r).toMatch(/Type `\/pledgewatch help <command>` for examples/);
    expect(said(await core.handle({ ...from('echo'), prefix: '!pw ' }))).toMatch(/Usage: !pw echo <words>\. Type `!pw help echo`/);
  });
});

describe('free text with dashes', () => {
  it('is a question, not an unknown option, for a command that takes no options', async () => {
    expect(said(await coreWith([echo, ask]).handle(from('what does --force mean for defenders?')))).toBe('asked: what does --force mean for defenders?');
    expect(parseArguments('ask', 'a --b c', {}).words).toEqual(['a', '--b', 'c']);
  });
});
