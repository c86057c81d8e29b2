import { describe, expect, it } from 'vitest';
import { isAllowedInviter } from '../../../adapters/matrix/permissions.js';
import { addressedText, stripReplyFallback, timing } from '../../../adapters/matrix/message-policy.js';

const a = { prefix: '!pw', botUserId: '@pw:example.org', botNames: ['@pw:example.org', 'Pledgewatch', 'pw'], isDirect: false };

describe('what is addressed to the bot', () => {
  it('takes the prefix, a mention by name or id, and anything in a DM', () => {
    expect(addressedText('!pw outstanding Mexico', undefined, a)).toBe('outstanding Mexico');
    expect(addressedText('!PW help', undefined, a)).toBe('help');
    expect(addressedText('!pw', undefined, a)).toBe('');
    expect(addressedText('!pwd', undefined, a)).toBeUndefined();
    expect(addressedText('Pledgewatch: outstanding Mexico', undefined, a)).toBe('outstanding Mexico');
    expect(addressedText('@pw:example.org, help', undefined, a)).toBe('help');
    expect(addressedText('what about Pledgewatch here', ['@pw:example.org'], a)).toBe('what about here');
    expect(addressedText('outstanding Mexico', undefined, a)).toBeUndefined();
    expect(addressedText('outstanding Mexico', undefined, { ...a, isDirect: true })).toBe('outstanding Mexico');
    expect(addressedText('pwned', undefined, a)).toBeUndefined();
  });

  it('drops the quoted original a reply carries', () => {
    const body = '> <@mia:example.org> !pw help\n> second line\n\n!pw outstanding Chile';
    expect(stripReplyFallback(body)).toBe('!pw outstanding Chile');
    expect(addressedText('> <@mia:example.org> !pw help\n\nthanks!', undefined, a)).toBeUndefined();
  });
});

describe('which messages may still be answered', () => {
  const base = { startedAt: 1_000_000, previousAliveAt: 900_000, joinedAt: 100, now: 1_000_500, catchUpMs: 600_000 };
  it('answers live messages and recent ones sent while the bot was down', () => {
    expect(timing({ ...base, eventTs: 1_000_100 })).toBe('answer');
    expect(timing({ ...base, eventTs: 950_000 })).toBe('answer');
  });
  it('treats what a previous run heard, or anything before the first start, as history', () => {
    expect(timing({ ...base, eventTs: 899_000 })).toBe('history');
    expect(timing({ ...base, previousAliveAt: undefined, eventTs: 999_999 })).toBe('history');
  });
  it('ignores what was said in a room before the bot joined it, even after start', () => {
    expect(timing({ ...base, joinedAt: 1_000_300, eventTs: 1_000_200 })).toBe('history');
  });
  it('tells the user about commands sent too long ago while the bot was away', () => {
    expect(timing({ ...base, previousAliveAt: 0, eventTs: 300_000 })).toBe('missed');
  });
});

describe('who may invite the bot', () => {
  it('allows listed users and servers, nobody else', () => {
    const allowed = ['@alice:example.org', ':coalition.org', 'partner.net'];
    expect(isAllowedInviter('@alice:example.org', allowed)).toBe(true);
    expect(isAllowedInviter('@bob:example.org', allowed)).toBe(false);
    expect(isAllowedInviter('@anyone:coalition.org', allowed)).toBe(true);
    expect(isAllowedInviter('@x:partner.net', allowed)).toBe(true);
    expect(isAllowedInviter('@x:evil-coalition.org', allowed)).toBe(false);
    expect(isAllowedInviter('@alice:example.org', [])).toBe(false);
    expect(isAllowedInviter(undefined, allowed)).toBe(false);
  });
});
