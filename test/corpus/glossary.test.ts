import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fold } from '../../src/corpus/clean.js';
import { Glossary } from '../../src/corpus/glossary.js';
import { parseQuestion } from '../../src/corpus/question.js';

const glossary = Glossary.load(fileURLToPath(new URL('../../index-data/glossary.json', import.meta.url)));
const alternativesOf = (question: string, term: string) => glossary.find(question).find((m) => m.found === fold(term))?.alternatives ?? [];

describe('the glossary (index-data/glossary.json)', () => {
  it('holds the acronyms and Spanish terms the coalition uses', () => {
    const all = new Set(glossary.entries.flatMap((e) => e.terms.map(fold)));
    for (const t of ['CNDH', 'CED', 'HRC', 'IACHR', 'CIDH', 'GIEI', 'HRD', 'NHRI', 'OHCHR', 'ONU-DH', 'FEADLE', 'UPR', 'desaparición forzada', 'periodistas', 'defensores', 'tortura', 'impunidad', 'pueblos indígenas', 'relator', 'mecanismo de protección', 'asesinados', 'recomendó']) {
      expect(all.has(fold(t)), t).toBe(true);
    }
  });

  it('finds an acronym’s expansion and an expansion’s acronym', () => {
    expect(alternativesOf('What does the CED say about Mexico?', 'CED')).toContain('committee on enforced disappearances');
    expect(alternativesOf('the Inter-American Commission on Human Rights report', 'Inter-American Commission on Human Rights')).toEqual(expect.arrayContaining(['iachr', 'cidh']));
    expect(alternativesOf('¿Qué dijo la ONU-DH?', 'ONU-DH')).toContain('ohchr');
  });

  it('maps Spanish terms to English ones, accents and case aside', () => {
    expect(alternativesOf('desaparicion forzada en Guerrero', 'desaparición forzada')).toContain('enforced disappearance');
    expect(alternativesOf('¿Cuántos PERIODISTAS?', 'periodistas')).toContain('journalists');
    expect(alternativesOf('¿Qué recomendó?', 'recomendó')).toContain('recommended');
  });

  it('prefers the longest term and never matches inside a word', () => {
    const matches = glossary.find('National Human Rights Commission');
    expect(matches).toHaveLength(1);
    expect(matches[0]!.alternatives).toContain('cndh');
    expect(glossary.find('the cedar tree')).toEqual([]);
  });

  it('reads a possessive as the word it follows ("the UN’s human rights boss" is "UN human rights boss")', () => {
    const everyday = new Glossary([{ terms: ['un human rights boss', 'high commissioner'], asked: ['un human rights boss'] }]);
    expect(everyday.find("who did the UN's human rights boss write to?").map((m) => m.alternatives)).toEqual([['high commissioner']]);
    expect(everyday.find('what did the UN’s human rights boss say?')).toHaveLength(1);
  });

  it('reads a possessive after a term as the term’s ("the last round’s recs": no stray "s" left as a word)', () => {
    const g = new Glossary([{ terms: ['last round', 'previous cycle'] }]);
    const [m] = g.find("how many of the last round's recs were carried out?");
    expect(m?.found).toBe('last round');
    expect(m?.alternatives).toContain('previous cycle');
    expect(parseQuestion("how many of the last round's recs were carried out?", g).concepts.map((c) => c.asked)).not.toContain('s');
  });

  it('reads a one- or two-letter acronym only in capitals (the Spanish "un" is not the UN)', () => {
    expect(glossary.find('un periodista').map((m) => m.found)).toEqual(['periodista']);
    expect(glossary.find('the UN report').map((m) => m.found)).toContain('un');
    // "the US" is the United States; "tell us" is not
    expect(alternativesOf('What bothered the US about trafficking?', 'US')).toContain('united states');
    expect(glossary.find('can you tell us about trafficking').some((m) => m.alternatives.includes('united states'))).toBe(false);
  });

  it('reads a possessive as its word (Forst’s is Forst), keeping other apostrophes (d’Ivoire)', () => {
    expect(parseQuestion("What did Forst's statement say about Mexico's mechanism?", glossary).concepts.map((c) => c.asked)).toEqual(expect.arrayContaining(['forst', 'statement', 'mexico', 'mechanism']));
    expect(parseQuestion("the women's and children's rights in Côte d'Ivoire", new Glossary([])).concepts.map((c) => c.asked)).toEqual(['women', 'children', 'rights', 'cote', "d'ivoire"]);
  });

  it('turns a question into concepts without question words or stop words', () => {
    const q = parseQuestion('¿Cuántos periodistas fueron asesinados en México entre 2000 y 2016?', glossary);
    expect(q.concepts.map((c) => c.asked)).toEqual(['periodistas', 'asesinados', 'mexico', '2000', '2016']);
    expect(q.concepts[0]!.phrasings).toContainEqual(['journalists']);
    expect(parseQuestion('What does the CED say about Mexico?', glossary).concepts.map((c) => c.asked)).toEqual(['ced', 'mexico']);
    const who = parseQuestion('Who asked question 7?', glossary);
    expect(who).toMatchObject({ itemNumber: '7', asksWho: true });
  });
});
