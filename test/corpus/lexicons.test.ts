import { describe, expect, it } from 'vitest';
import { SpanishWordNet } from '../../src/corpus/es-wordnet.js';
import { Expander, spanishStem } from '../../src/corpus/expansion.js';
import { Glossary } from '../../src/corpus/glossary.js';
import { Neighbours } from '../../src/corpus/neighbours.js';
import { parseQuestion } from '../../src/corpus/question.js';
import { WordNet } from '../../src/corpus/wordnet.js';

describe('the Spanish WordNet gives English words for Spanish ones', () => {
  const spanish = new SpanishWordNet(new WordNet(), spanishStem);

  it('reads an inflected verb through its lemma', () => {
    expect(spanish.english('secuestraron')).toEqual(expect.arrayContaining(['kidnap', 'abduct']));
  });

  it('reads plural nouns and keeps proper names such as Roma', () => {
    expect(spanish.english('asesinatos')).toEqual(expect.arrayContaining(['murder', 'homicide']));
    expect(spanish.english('gitanos')).toEqual(expect.arrayContaining(['roma', 'romani']));
  });

  it('is indifferent to accents and gives nothing for words it does not hold', () => {
    expect(spanish.english('carcel')).toEqual(spanish.english('cárcel'));
    expect(spanish.english('xyzzyq')).toEqual([]);
  });
});

describe('the neighbours of an English word (GloVe)', () => {
  const neighbours = new Neighbours();

  it('gives words used in the same contexts, nearest first, and nothing for a word it does not hold', () => {
    expect(neighbours.of('jobless').slice(0, 3)).toContain('unemployment');
    expect(neighbours.of('Sewers')).toContain('sewage');
    expect(neighbours.of('qwertyuiop')).toEqual([]);
  });

  it('adds three of them to a question, weighed below related words, only where the library holds them', () => {
    const expander = new Expander(undefined, (ws) => ws[0] !== 'joblessness', undefined, undefined, neighbours);
    const [jobless] = expander.expand(parseQuestion('jobless?', new Glossary([])));
    const phrasings = jobless!.phrasings.map((p) => p.join(' '));
    expect(phrasings).toEqual(['jobless', 'unemployment', 'unemployed', 'employment']);
    expect(jobless!.weights!.slice(1).every((w) => w < 0.1)).toBe(true);
  });
});
