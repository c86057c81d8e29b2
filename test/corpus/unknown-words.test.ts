import { describe, expect, it } from 'vitest';
import { Glossary } from '../../src/corpus/glossary.js';
import type { IndexedPassage } from '../../src/corpus/passages.js';
import { buildLunrIndex, PassageSearch } from '../../src/corpus/search-index.js';
import { parseQuestion } from '../../src/corpus/question.js';

describe('a word of the question no passage holds', () => {
  it('ranks the passages that say it another way ("kids" → children) as if the asker had written that', () => {
    const texts = [
      'The governor of the northern region met children from the school in the prison yard.',
      ...Array.from({ length: 45 }, (_, k) => `The governor visited prison ${k + 1}.`),
      ...Array.from({ length: 100 }, (_, k) => `Budget line ${k + 1} was approved by the assembly.`),
    ];
    const passages: IndexedPassage[] = texts.map((text, n) => ({ id: `doc#${n}`, doc: 'doc', where: `¶ ${n + 1}`, text, body: text }));
    const search = new PassageSearch(buildLunrIndex(passages), passages, new Glossary([]));
    expect(search.search('What did the governor do about kids?', 3)[0]?.passage.id).toBe('doc#0');
  });
});

describe('a phrasal verb whose particle or verb is a stop word', () => {
  it('"wiped off the register" is found as WordNet says it: erased', () => {
    const texts = [
      'Thousands of residents were erased from the register in 1992.',
      ...Array.from({ length: 30 }, (_, k) => `The register of associations lists ${k + 10} new entries.`),
    ];
    const passages: IndexedPassage[] = texts.map((text, n) => ({ id: `doc#${n}`, doc: 'doc', where: `¶ ${n + 1}`, text, body: text }));
    const search = new PassageSearch(buildLunrIndex(passages), passages, new Glossary([]), { neighbours: false });
    expect(search.search('Who was wiped off the register?', 3)[0]?.passage.id).toBe('doc#0');
  });
});

describe('an acronym typed in the plural', () => {
  it('is the acronym ("GPs" are general practitioners, not a positioning system), while a plain word keeps its own form', () => {
    const asked = (q: string) => parseQuestion(q, new Glossary([])).concepts.map((c) => c.asked);
    expect(asked('Who warned about the lack of GPs in Slovenia?')).toContain('gp');
    expect(asked('Did the NHRIs report it?')).toContain('nhri');
    expect(asked('Who fixed the gps in the car?')).toContain('gps');
  });
});
