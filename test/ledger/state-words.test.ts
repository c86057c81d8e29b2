import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MAX_STATE_NAME_WORDS, statesIn, takeState } from '../../src/ledger/state-words.js';
import { StateDirectory } from '../../src/ledger/states.js';

const states = new StateDirectory(fileURLToPath(new URL('../../index-data/states.json', import.meta.url)));
const resolve = (name: string) => states.resolve(name).name;

describe('State names in typed words', () => {
  it('takes the longest run of words that names a State, and leaves the rest', () => {
    expect(takeState(['Costa', 'Rica', '5', '7'], resolve)).toEqual({ state: 'Costa Rica', rest: ['5', '7'] });
    expect(takeState(['Saint', 'Vincent', 'and', 'the', 'Grenadines', '5'], resolve)).toEqual({ state: 'Saint Vincent and the Grenadines', rest: ['5'] });
    expect(takeState(['México', '2.4'], resolve)).toEqual({ state: 'Mexico', rest: ['2.4'] });
  });

  it('names the word typed when no run of words is a State', () => {
    expect(() => takeState(['Atlantis', 'Mexico'], resolve)).toThrow(/I don't know a State called "Atlantis"/);
    expect(() => takeState([], resolve)).toThrow(/Which State\?/);
  });

  it('reads several States one after another', () => {
    expect(statesIn(['Costa', 'Rica', 'Mexico', 'United', 'Kingdom'], resolve)).toEqual(['Costa Rica', 'Mexico', 'United Kingdom']);
    expect(statesIn([], resolve)).toEqual([]);
  });

  it('tries runs as long as the longest name or alias a State has', () => {
    const longest = Math.max(...states.all.flatMap((s) => s.aliases.map((a) => a.trim().split(/\s+/).length)));
    expect(longest).toBeLessThanOrEqual(MAX_STATE_NAME_WORDS);
  });
});
