import { describe, expect, it } from 'vitest';
import { ChannelRef, UserRef } from '../../src/kernel/channel.js';
import { asCodedError, UserError } from '../../src/kernel/errors.js';

describe('a channel reference', () => {
  it('reads and writes the stored form once for every platform', () => {
    expect(ChannelRef.parse('slack:C0123ABC')).toEqual({ platform: 'slack', id: 'C0123ABC' });
    expect(ChannelRef.parse('matrix:!room:example.org')).toEqual({ platform: 'matrix', id: '!room:example.org' });
    expect(ChannelRef.parse('console')).toEqual({ platform: 'console' });
    for (const text of ['slack:C0123ABC', 'matrix:!room:example.org', 'console']) expect(ChannelRef.format(ChannelRef.parse(text)!)).toBe(text);
    expect(ChannelRef.slack('C1')).toBe('slack:C1');
    expect(ChannelRef.matrix('!r:x')).toBe('matrix:!r:x');
  });

  it('is no channel for the CLI, an empty id or another platform', () => {
    for (const text of ['cli', 'slack:', 'matrix:', 'teams:x', '', 'Console']) expect(ChannelRef.parse(text)).toBeUndefined();
    expect(ChannelRef.idOn('slack', 'matrix:!r:x')).toBeUndefined();
    expect(ChannelRef.idOn('matrix', 'matrix:!r:x')).toBe('!r:x');
  });

  it('names people the same way', () => {
    expect(UserRef.format('matrix', '@alice:example.org')).toBe('matrix:@alice:example.org');
    expect(UserRef.idOn('matrix', 'matrix:@alice:example.org')).toBe('@alice:example.org');
    expect(UserRef.idOn('slack', 'matrix:@alice:example.org')).toBeUndefined();
  });
});

describe('coded errors', () => {
  it('gives any thrown value a code a log can carry without its message', () => {
    const enoent = Object.assign(new Error('ENOENT: no such file, open /data/x'), { code: 'ENOENT', path: '/data/x' });
    expect(asCodedError(enoent)).toBe(enoent);
    expect(asCodedError(new UserError('bad-date', 'Not a date.')).code).toBe('bad-date');
    expect(asCodedError({ errcode: 'M_FORBIDDEN' }).code).toBe('M_FORBIDDEN');
    expect(asCodedError({ data: { error: 'channel_not_found' } }).code).toBe('channel_not_found');
    expect(asCodedError(new TypeError('x')).code).toBe('TypeError');
    expect(asCodedError('a string', 'start-failed').code).toBe('start-failed');
  });
});
