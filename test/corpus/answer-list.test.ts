import { describe, expect, it } from 'vitest';
import { Glossary } from '../../src/corpus/glossary.js';
import type { IndexedPassage } from '../../src/corpus/passages.js';
import { buildLunrIndex, PassageSearch } from '../../src/corpus/search-index.js';

const texts = [
  'The prison in Ljubljana was overcrowded, holding 209 percent of its capacity.',
  'Overcrowding was also reported in the asylum centres.',
  'The national assembly adopted a law on the media in 2024.',
  'Roma children attended kindergartens in several municipalities.',
  'The Ombudsman received complaints about the length of court proceedings.',
  'The government allocated funds to the housing programme for young families.',
  'Journalists reported threats and smear campaigns on social networks.',
  'The committee recommended training for police officers on hate crimes.',
  'A national action plan on business and human rights was adopted.',
  'Women held nearly 40 per cent of the seats in parliament.',
];
const passages: IndexedPassage[] = texts.map((text, n) => ({ id: `doc#${n}`, doc: 'doc', where: `¶ ${n + 1}`, text, body: text }));

describe('the list of answers after the first', () => {
  const search = new PassageSearch(buildLunrIndex(passages), passages, new Glossary([]));

  it('lists a passage that holds only part of the question once another holds enough of it to answer', () => {
    const hits = search.search('How overcrowded was the prison in Ljubljana?', 5);
    expect(hits.map((h) => h.passage.id)).toEqual(['doc#0', 'doc#1']);
    expect(hits[1]!.coverage).toBeLessThan(0.5);
  });

  it('answers nothing when no passage holds enough of the question, however many hold a part of it', () => {
    expect(search.search('Are the trains in Tokyo overcrowded?', 5)).toEqual([]);
  });
});
