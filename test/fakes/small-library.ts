import type { IndexedPassage } from '../../src/corpus/passages.js';

/** Seven passages on other matters, beside the one a ranking spec is about. */
const OTHERS = [
  'The prison in Ljubljana was overcrowded. Roma children attended kindergartens in several municipalities.',
  'The national assembly adopted a law on the media in 2024. Some journalists were interviewed.',
  'Police officers received training on threats to public order. The budget was cut.',
  'Election campaigns were monitored by observers. Parliament debated the budget.',
  'The Ombudsman received complaints about the length of court proceedings.',
  'The government allocated funds to the housing programme for young families.',
  'Women held nearly 40 per cent of the seats in parliament.',
];

/** A one-document library: `first` as doc#0 (¶ 1), then the seven others. */
export function smallLibrary(first: string): IndexedPassage[] {
  return [first, ...OTHERS].map((text, n) => ({ id: `doc#${n}`, doc: 'doc', where: `¶ ${n + 1}`, text, body: text }));
}
