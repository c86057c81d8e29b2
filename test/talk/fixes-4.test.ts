import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { renderPlain } from '../../src/kernel/reply.js';
import { silentLogger } from '../../src/logging.js';
import { FakeClock } from '../fakes/clock.js';
import { tempDir } from '../fakes/temp-dir.js';
import { startTalk } from './harness.js';

describe('fix 4, as a coordinator met it', () => {
  it('a quote is never glued across an inlined footnote ("…next section. that joined forces…"): the sentence it interrupted is whole again', async () => {
    const { say, app } = startTalk();
    const r = await say('Did the federal government recognise the smear campaign against human rights defenders?');
    const quotes = r.blocks.filter((b) => b.kind === 'quote').map((b) => (b as { text: string }).text);
    expect(quotes.join('\n')).not.toMatch(/next section\. that/);
    expect(quotes.join('\n')).toMatch(/international organisations that joined forces with Mexican civil society/);
    app.close();
  });

  it('a letter dated in its text as "1st of December 2026" or "December 1st, 2026" is cited with that date, tracked or not, never "undated"', async () => {
    const root = tempDir();
    cpSync(join(import.meta.dirname, '..', '..', 'index-data'), join(root, 'index-data'), { recursive: true });
    const corpus = join(root, 'index-data', 'corpus');
    writeFileSync(join(corpus, 'coalition-2026-costa-rica.txt'), 'Letter to the Permanent Mission of Costa Rica\n\nGeneva, 1st of December 2026\n\nYour Excellency,\n\nWe would be grateful for your answers by 15th January 2027.\n\nQuestions posed specifically to Costa Rica\n\n1. *Red de Defensoras*: “How will you protect the land defenders of the Talamanca highlands?”\n\n2. *Coalición Centroamericana*: “Will Costa Rica invite the Special Rapporteur?”\n');
    writeFileSync(join(corpus, 'coalition-2026-chile.txt'), 'Letter to the Permanent Mission of Chile\n\nNew York, December 1st, 2026\n\nYour Excellency,\n\n1. *Observatorio Ciudadano*: “How will you protect the water defenders of the Atacama salt flats?”\n');
    mkdirSync(join(root, 'data'));
    const app = buildApp(loadConfig({ PLEDGEWATCH_DATA_DIR: join(root, 'data'), PLEDGEWATCH_CORPUS_DIR: corpus, PLEDGEWATCH_COORDINATORS: 'slack:UC' }), { logger: silentLogger(), clock: new FakeClock('2026-12-02T12:00:00Z') });
    await app.ready;
    const say = (text: string) => app.core.handle({ platform: 'slack', channel: 'slack:C1', user: 'slack:UC', text, isDirect: false });
    const cited = async (q: string, doc: string) => {
      const r = await say(q);
      expect(r.blocks.find((b) => b.kind === 'quote' && b.citation.doc === doc)).toMatchObject({ citation: { date: '2026-12-01' } });
      expect(renderPlain(r)).not.toMatch(/undated/);
    };
    await cited('How will you protect the land defenders of the Talamanca highlands?', 'coalition-2026-costa-rica');
    await cited('How will you protect the water defenders of the Atacama salt flats?', 'coalition-2026-chile');
    await say('track coalition-2026-costa-rica --yes');
    await cited('How will you protect the land defenders of the Talamanca highlands?', 'coalition-2026-costa-rica');
    app.close();
  });
});
