import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SpanishWordNet } from '../../src/corpus/es-wordnet.js';
import { Expander, loadEverydayLexicon, spanishStem } from '../../src/corpus/expansion.js';
import { Glossary } from '../../src/corpus/glossary.js';
import { Neighbours } from '../../src/corpus/neighbours.js';
import type { IndexedPassage } from '../../src/corpus/passages.js';
import { parseQuestion } from '../../src/corpus/question.js';
import { buildLunrIndex, PassageSearch } from '../../src/corpus/search-index.js';
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

describe('everyday English for the field’s terms (lexicon/en-field.json)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pw-everyday-'));
  const file = join(dir, 'en-field.json');
  writeFileSync(file, JSON.stringify({ entries: [['locked up|jailed', 'deprived of liberty|detention'], ['payback', 'reprisals']] }));
  const everyday = loadEverydayLexicon(pathToFileURL(file));

  it('finds the everyday phrase a question holds, and not the field’s own term (that is read as asked)', () => {
    expect(everyday.find('Who was locked up?').map((m) => m.found)).toEqual(['locked up']);
    expect(everyday.find('Who was deprived of liberty?')).toEqual([]);
  });

  it('reads an English question’s everyday phrase as one concept that also looks for the field’s terms', () => {
    const parsed = parseQuestion('Who was locked up after the march?', new Glossary([]), undefined, everyday);
    const locked = parsed.concepts.find((c) => c.asked === 'locked up')!;
    expect(locked.phrasings.map((p) => p.join(' '))).toEqual(['locked up', 'deprived liberty', 'detention']); // not the other everyday form
    expect(locked.everyday).toBe(true);
  });

  it('leaves a Spanish question to the Spanish lexicon', () => {
    const parsed = parseQuestion('¿Quién sufrió payback?', new Glossary([]), new Glossary([]), everyday);
    expect(parsed.concepts.some((c) => c.everyday)).toBe(false);
  });

  it('keeps an everyday word’s own synonyms beside the field’s terms', () => {
    const expander = new Expander(new WordNet(), () => true);
    const [jailed] = expander.expand(parseQuestion('jailed?', new Glossary([]), undefined, everyday));
    const phrasings = jailed!.phrasings.map((p) => p.join(' '));
    expect(phrasings[0]).toBe('jailed');
    expect(phrasings).toEqual(expect.arrayContaining(['imprison', 'deprived liberty', 'detention']));
    expect(jailed!.weights![phrasings.indexOf('detention')]).toBe(0.7);
  });

  it('keeps them too for an everyday phrase that is one word once its stop words are left out ("in jail")', () => {
    const other = join(dir, 'in-jail.json');
    writeFileSync(other, JSON.stringify({ entries: [['in jail', 'detention']] }));
    const expander = new Expander(new WordNet(), () => true);
    const [inJail] = expander.expand(parseQuestion('who was in jail?', new Glossary([]), undefined, loadEverydayLexicon(pathToFileURL(other))));
    expect(inJail!.phrasings.map((p) => p.join(' '))).toEqual(expect.arrayContaining(['jail', 'imprison', 'detention']));
  });

  it('is well formed: each entry everyday forms and field forms, no everyday form in two entries or equal to its own field form', () => {
    const { entries } = JSON.parse(readFileSync(new URL('../../src/corpus/lexicon/en-field.json', import.meta.url), 'utf8')) as { entries: [string, string][] };
    const seen = new Set<string>();
    for (const [left, right] of entries) {
      const fields = new Set(right.split('|').map((t) => t.trim().toLowerCase()));
      for (const form of left.split('|').map((t) => t.trim().toLowerCase())) {
        expect(form.length, `an empty everyday form beside "${right}"`).toBeGreaterThan(0);
        expect(seen.has(form), `"${form}" is in two entries`).toBe(false);
        expect(fields.has(form), `"${form}" is its own field term`).toBe(false);
        seen.add(form);
      }
    }
  });
});

describe('an English question in everyday words, end to end (the shipped en-field.json)', () => {
  const TEXTS = [
    'Defenders who cooperated with the United Nations faced reprisals, including smear campaigns and threats.',
    'The State reported on the construction of new roads and bridges in rural areas.',
    'The Committee noted that several journalists had been deprived of liberty without charge.',
  ];
  const passages: IndexedPassage[] = TEXTS.map((text, n) => ({ id: `doc#${n}`, doc: 'doc', where: `¶ ${n + 1}`, text, body: text }));
  const search = new PassageSearch(buildLunrIndex(passages), passages, new Glossary([]));

  it('finds the passage in the field’s terms ("payback" → reprisals, "jailed" → deprived of liberty)', () => {
    expect(search.search('What payback did people face for working with the UN?', 3)[0]?.passage.id).toBe('doc#0');
    expect(search.search('were any reporters jailed?', 3)[0]?.passage.id).toBe('doc#2');
  });

  it('reads who "led the team" as who headed the delegation, in English and Spanish ("iba a la cabeza")', () => {
    const texts = [
      'The delegation of Example was headed by the Minister of Foreign Affairs, Ana Person.',
      'Mobile teams led by social workers visited the settlements in 2023.',
      ...Array.from({ length: 30 }, (_, k) => `Example reported on the review of programme ${k + 1} in Geneva.`),
    ];
    const all: IndexedPassage[] = texts.map((text, n) => ({ id: `led#${n}`, doc: 'report', where: `¶ ${n + 1}`, text, body: text }));
    const led = new PassageSearch(buildLunrIndex(all), all, new Glossary([]));
    expect(led.search("Who led Example's team at the review in Geneva?", 3)[0]?.passage.id).toBe('led#0');
    expect(led.search('¿Quién iba a la cabeza de la delegación de Example en Ginebra?', 3)[0]?.passage.id).toBe('led#0');
  });

  it('reads "took the floor" / "tomaron la palabra" as the delegations that made statements', () => {
    const texts = ['During the interactive dialogue of the session on Example, 94 delegations made statements.', ...Array.from({ length: 30 }, (_, k) => `Example reported on the floor area of school ${k + 1} at the session.`)];
    const all: IndexedPassage[] = texts.map((text, n) => ({ id: `fl#${n}`, doc: 'report', where: `¶ ${n + 1}`, text, body: text }));
    const floor = new PassageSearch(buildLunrIndex(all), all, new Glossary([]));
    expect(floor.search('how many countries took the floor during the session on Example?', 3)[0]?.passage.id).toBe('fl#0');
    expect(floor.search('¿cuántos países tomaron la palabra en la sesión sobre Example?', 3)[0]?.passage.id).toBe('fl#0');
  });

  it('and without the lexicon, the same everyday words find nothing', () => {
    const plain = new PassageSearch(buildLunrIndex(passages), passages, new Glossary([]), { everyday: false });
    expect(plain.search('What payback did people face?', 3)).toEqual([]);
  });
});
