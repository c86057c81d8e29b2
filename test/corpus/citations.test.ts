import { describe, expect, it } from 'vitest';
import { citedCodes, definitionOf } from '../../src/corpus/citations.js';
import { Glossary } from '../../src/corpus/glossary.js';
import type { IndexedPassage } from '../../src/corpus/passages.js';
import { buildLunrIndex, PassageSearch } from '../../src/corpus/search-index.js';

const passage = (n: number, text: string, heading?: string): IndexedPassage => ({ id: `summary#${n}`, doc: 'summary', heading, where: `¶ ${n}`, text, body: text });
// the layout of a UN summary of stakeholders' submissions: codes in the text, who they are in the notes
const passages = [
  passage(1, 'PTPR/JS3 reported on concealed mass graves of victims killed during and after World War II.'),
  passage(2, 'AI noted that Roma children were kept separate in some kindergartens.'),
  passage(3, 'The UN General Assembly adopted resolution 60/251 on the Council.'),
  passage(4, 'Individual submissions: AI        Amnesty International, London (United Kingdom of Great\n   Britain and Northern Ireland); APE   Advocate of the Principle of Equality, Ljubljana (Slovenia);', 'Notes'),
  passage(5, 'JS2 Joint submission 2 submitted by: Peace Institute, Ljubljana (Slovenia); PTPR/JS3 Joint submission 3 submitted by: Members of the Partnership in Truth for Peace and Reconciliation;', 'Notes'),
  ...['housing funds for young families', 'hate speech online', 'the ombudsman on prisons', 'pay gap in the public sector', 'asylum centres in Logatec'].map((t, k) => passage(10 + k, `The report discussed ${t}.`)),
];

describe('who a UN summary’s source codes stand for', () => {
  it('reads the codes a sentence cites, and finds their entries in the list of sources', () => {
    expect(citedCodes('PTPR/JS3 reported on graves; see also CoE-ECRI and AI.')).toEqual(['PTPR/JS3', 'CoE-ECRI', 'AI']);
    expect(definitionOf('PTPR/JS3', passages, passages[0]!)?.text).toBe('PTPR/JS3 Joint submission 3 submitted by: Members of the Partnership in Truth for Peace and Reconciliation');
    expect(definitionOf('AI', passages, passages[1]!)?.text).toBe('AI Amnesty International, London (United Kingdom of Great Britain and Northern Ireland)');
    // a name that merely follows an acronym is no entry of the list
    expect(definitionOf('UN', passages, passages[0]!)).toBeUndefined();
  });

  it('answers "who sent …?" with the passage that cites the source, then the entry that names it', () => {
    const search = new PassageSearch(buildLunrIndex(passages), passages, new Glossary([]));
    const hits = search.search('Who sent the submission about the World War II graves?', 3);
    expect(hits.slice(0, 2).map((h) => h.passage.id)).toEqual(['summary#1', 'summary#5']);
    expect(hits[1]!.quote).toContain('Members of the Partnership in Truth for Peace and Reconciliation');
    // a question that is not "who" keeps its list as ranked
    expect(search.search('What was reported about the World War II graves?', 3).map((h) => h.passage.id)).not.toContain('summary#5');
  });
});
