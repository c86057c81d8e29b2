import { describe, expect, it } from 'vitest';
import { loadEverydayLexicon, loadLexicon } from '../../src/corpus/expansion.js';
import { Glossary } from '../../src/corpus/glossary.js';
import { answerTypeOf, parseQuestion } from '../../src/corpus/question.js';

const lexicon = loadLexicon();
const everyday = loadEverydayLexicon();
const concepts = (q: string) => parseQuestion(q, new Glossary([]), lexicon, everyday).concepts;
const asked = (q: string) => concepts(q).map((c) => c.asked);
const phrasings = (q: string, word: string) => concepts(q).find((c) => c.asked === word)?.phrasings.map((p) => p.join(' ')) ?? [];

describe('chat shorthand is read as the words it stands for', () => {
  it('reads "w/o" as without and "w/" as with, not as letters no passage holds', () => {
    expect(asked('how many people still live in slovenia w/o legal status')).not.toEqual(expect.arrayContaining(['w']));
    expect(asked('how many people still live in slovenia w/o legal status')).toEqual(expect.arrayContaining(['without', 'legal', 'status']));
    expect(asked('which ngos work w/ the rapporteur')).not.toEqual(expect.arrayContaining(['w']));
  });

  it('asks for a number with "what %" or "¿qué % …?"', () => {
    expect(answerTypeOf('what % of mexicans think the army respects human rights')).toBe('how-many');
    expect(answerTypeOf('segun el subsecretario q % de la gente piensa q el ejercito respeta los ddhh')).toBe('how-many');
  });

  it('reads journos, incl, and Spanish pa / pal / x (para, por) as words or as nothing', () => {
    expect(phrasings('how many of the journos under the protection mechanism are women', 'journos')).toContain('journalists');
    expect(asked('how many countries were named incl mexico')).not.toContain('incl');
    expect(asked('q propuso forst pa los 20 años de la declaracion')).not.toContain('pa');
    expect(asked('me pasas el informe pal epu')).not.toContain('pal');
    expect(asked('cuando le mandaron la carta a pompeo x su visita')).not.toContain('x');
  });

  it('reads Spanish chat forms of the field: recs, 4to (ciclo), ddhh, mx', () => {
    expect(phrasings('cuantas recs del ciclo pasado cumplio eslovenia', 'recs')).toContain('recommendations');
    expect(phrasings('cuantas recomendaciones le hicieron en el 4to ciclo', '4to')).toContain('fourth');
    expect(phrasings('respeta los ddhh', 'ddhh')).toContain('human rights');
    expect(phrasings('la impunidad en mx', 'mx')).toContain('mexico');
  });

  it('reads the Advocate of the Principle of Equality by its Spanish name, and asylum seekers starting work as the labour market', () => {
    expect(phrasings('cuanta gente trabaja en la oficina del defensor del principio de igualdad', 'defensor del principio de igualdad')).toContain('advocate principle equality');
    expect(phrasings('how soon can asylum seekers start working', 'start working')).toContain('labour market');
  });
});

describe('a date asked in chat Spanish', () => {
  it('"¿de q fecha es la carta…?" asks when, and for the letter’s own date', async () => {
    const { asksLetterDate } = await import('../../src/corpus/letter-blocks.js');
    expect(answerTypeOf('de q fecha es la carta abierta de las ongs a los candidatos')).toBe('when');
    expect(answerTypeOf('¿de qué fecha es la carta?')).toBe('when');
    expect(asksLetterDate('de q fecha es la carta abierta de las ongs a los candidatos')).toBe(true);
  });
});

describe('phrases that say how far, not what', () => {
  it('reads "so far", "thus far", "as far as" as no concept ("far" was a word no answer holds)', () => {
    expect(asked("what has mexico's protection mechanism for defenders and journalists done so far?")).not.toContain('far');
    expect(asked('as far as you know, did slovenia ratify it thus far')).not.toContain('far');
  });
});
