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

describe('the passages a question is checked against', () => {
  it('reach past a long section whose heading holds the question’s words (the national report’s "Implementation of recommendations from previous cycles") to the passage that says it', () => {
    for (const q of ['How many recommendations from the last cycle did Slovenia implement?', 'cuantas recomendaciones del ciclo pasado cumplio eslovenia'])
      expect(ask(q, 3)[0]?.text, q).toMatch(/180 of the 182 recommendations/);
  });

  it('but only the first of them decide that the library answers: a near-domain question stays unanswered', () => {
    expect(ask('Which countries were elected to the Human Rights Council in October 2023?', 3)).toEqual([]);
  });
});
