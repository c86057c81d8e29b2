import { describe, expect, it } from 'vitest';
import { loadLibrary, pledgewatchEngine } from './heldout/quality.js';

// the seeds and the real UN documents, as the quality bench reads them: what leaked was their words meeting by chance
const ask = pledgewatchEngine(loadLibrary().passages);

describe('what a passage must hold to answer', () => {
  it('more than the place the question names: a question about something else in Slovenia meets nothing', () => {
    expect(ask('What currency does Slovenia use?', 3)).toEqual([]);
    expect(ask('¿Cuántos habitantes tiene Eslovenia?', 3)).toEqual([]);
    expect(ask('How many recommendations did Slovenia receive?', 3)[0]?.doc).toMatch(/^slovenia-/);
  });

  it('both things of "the speed of light", not one of them', () => {
    expect(ask('What is the speed of light?', 3)).toEqual([]);
    expect(ask('Did anyone ask Slovenia to speed up the asylum procedure?', 3)[0]?.text).toMatch(/speed up/);
  });
});
