import { describe, expect, it } from 'vitest';
import { canonicalTimeZone, daysLeft, deadlineEnd, dueIn, longDate } from '../../src/kernel/calendar.js';
import { ChannelRef, UserRef } from '../../src/kernel/channel.js';
import { asCodedError, UserError } from '../../src/kernel/errors.js';
import { foldAccents } from '../../src/kernel/text.js';

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

describe('the calendar of deadlines', () => {
  it('counts calendar days of the zone, and a deadline passes at the end of its day there', () => {
    expect(daysLeft('2026-11-03', new Date('2026-11-03T22:30:00Z'), 'Europe/Zurich')).toBe(0);
    expect(daysLeft('2026-11-03', new Date('2026-11-03T23:30:00Z'), 'Europe/Zurich')).toBe(-1);
    // Across the end of summer time (25 October 2026 in Zurich) a day is still one day.
    expect(daysLeft('2026-10-26', new Date('2026-10-24T12:00:00Z'), 'Europe/Zurich')).toBe(2);
    expect(new Date(deadlineEnd('2026-11-03', 'Europe/Zurich')).toISOString()).toBe('2026-11-03T22:59:59.999Z');
  });

  it('says how far off a deadline is in one set of words', () => {
    expect([5, 1, 0, -1, -3].map((n) => dueIn(n))).toEqual(['5 days left', 'tomorrow', 'today', 'overdue by 1 day', 'overdue by 3 days']);
    expect(dueIn(5, 'in')).toBe('in 5 days');
    expect(longDate('2026-12-01', 'Europe/Zurich')).toBe('1 December 2026');
  });

  it('knows Geneva keeps Zurich’s clocks', () => {
    expect(canonicalTimeZone('Europe/Geneva')).toBe('Europe/Zurich');
    expect(canonicalTimeZone(' europe/genève ')).toBe('Europe/Zurich');
    expect(canonicalTimeZone('America/Mexico_City')).toBe('America/Mexico_City');
    expect(canonicalTimeZone('Mars/Olympus')).toBeUndefined();
  });
});

describe('errors and text', () => {
  it('gives any thrown value a code a log can carry without its message', () => {
    const enoent = Object.assign(new Error('ENOENT: no such file, open /data/x'), { code: 'ENOENT', path: '/data/x' });
    expect(asCodedError(enoent)).toBe(enoent);
    expect(asCodedError(new UserError('bad-date', 'Not a date.')).code).toBe('bad-date');
    expect(asCodedError({ errcode: 'M_FORBIDDEN' }).code).toBe('M_FORBIDDEN');
    expect(asCodedError({ data: { error: 'channel_not_found' } }).code).toBe('channel_not_found');
    expect(asCodedError(new TypeError('x')).code).toBe('TypeError');
    expect(asCodedError('a string', 'start-failed').code).toBe('start-failed');
  });

  it('folds accents one way for names, words and file names', () => {
    expect(foldAccents('México Perú Genève')).toBe('Mexico Peru Geneve');
  });
});
