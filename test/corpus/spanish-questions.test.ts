import { describe, expect, it } from 'vitest';
import { SpanishWordNet } from '../../src/corpus/es-wordnet.js';
import { Expander, lexiconByStem, loadLexicon } from '../../src/corpus/expansion.js';
import { Glossary } from '../../src/corpus/glossary.js';
import { parseQuestion } from '../../src/corpus/question.js';
import { spanishStem, spanishStemKeys } from '../../src/corpus/spanish-stem.js';
import { WordNet } from '../../src/corpus/wordnet.js';

const asked = (q: string) => parseQuestion(q, new Glossary([]), loadLexicon()).concepts.map((c) => c.asked);

describe('Spanish questions: what is asked, not how', () => {
  it('leaves out the light verbs and vague words of asking (pueden, tiene, va a, algo, alguien, leí que)', () => {
    expect(asked('¿En Eslovenia te pueden meter preso por difamar a alguien?')).not.toEqual(expect.arrayContaining(['pueden']));
    expect(asked('¿El relator dijo algo sobre la tortura?')).not.toContain('algo');
    expect(asked('Leí que la estaban construyendo, ¿ya tiene fecha?')).toEqual(['construyendo', 'fecha']);
    expect(asked('el gobierno va a poner fondos?')).toEqual(['gobierno', 'fondos']);
  });
});

describe('Spanish stems: accents kept for Snowball, and typed without them', () => {
  it('stems a word before folding its accents, so inflected forms meet their lemma', () => {
    expect(spanishStem('difamación')).toBe(spanishStem('difamar'));
    expect(spanishStem('cumplió')).toBe(spanishStem('cumplir'));
    expect(spanishStem('cárcel')).toBe('carcel');
  });

  it('looks a word typed without accents up also as its ending is most often accented', () => {
    expect(spanishStemKeys('cumplio')).toContain(spanishStem('cumplir'));
    expect(spanishStemKeys('detencion')).toContain(spanishStem('detención'));
    expect(spanishStemKeys('cumplió')).toEqual([spanishStem('cumplir')]);
  });

  it('reads a Spanish word through the lexicon or the WordNet as typed, accents or none', () => {
    const spanish = new SpanishWordNet(new WordNet(), spanishStem);
    const expander = new Expander(undefined, () => true, lexiconByStem(), spanish);
    const english = (q: string) => expander.expand(parseQuestion(q, new Glossary([]), loadLexicon())).flatMap((c) => c.phrasings.map((p) => p.join(' ')));
    expect(english('¿Es delito difamar?')).toEqual(expect.arrayContaining(['defamation']));
    expect(english('¿Cumplió Eslovenia?')).toEqual(expect.arrayContaining(['comply']));
    expect(english('cumplio eslovenia las recomendaciones?')).toEqual(expect.arrayContaining(['comply']));
    expect(parseQuestion('¿Cumplió?', new Glossary([]), loadLexicon()).concepts[0]).toMatchObject({ asked: 'cumplio', typed: 'cumplió' });
  });
});
