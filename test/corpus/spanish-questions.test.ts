import { describe, expect, it } from 'vitest';
import { loadLexicon } from '../../src/corpus/expansion.js';
import { Glossary } from '../../src/corpus/glossary.js';
import { parseQuestion } from '../../src/corpus/question.js';

const asked = (q: string) => parseQuestion(q, new Glossary([]), loadLexicon()).concepts.map((c) => c.asked);

describe('Spanish questions: what is asked, not how', () => {
  it('leaves out the light verbs and vague words of asking (pueden, tiene, va a, algo, alguien, leí que)', () => {
    expect(asked('¿En Eslovenia te pueden meter preso por difamar a alguien?')).not.toEqual(expect.arrayContaining(['pueden']));
    expect(asked('¿El relator dijo algo sobre la tortura?')).not.toContain('algo');
    expect(asked('Leí que la estaban construyendo, ¿ya tiene fecha?')).toEqual(['construyendo', 'fecha']);
    expect(asked('el gobierno va a poner fondos?')).toEqual(['gobierno', 'fondos']);
  });
});
