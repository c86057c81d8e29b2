import { describe, expect, it } from 'vitest';
import { SpanishWordNet } from '../../src/corpus/es-wordnet.js';
import { spanishStem } from '../../src/corpus/expansion.js';
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
