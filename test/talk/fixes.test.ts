import { describe, expect, it } from 'vitest';
import { renderPlain, type Reply } from '../../src/kernel/reply.js';
import { startTalk } from './harness.js';


describe('subscribe adds States (issue 17, fix 1)', () => {
  it('subscribe Brazil after subscribe Mexico gets both, named by name', async () => {
    const { say, app } = startTalk();
    await say('subscribe Mexico');
    const r = await say('subscribe Brazil');
    expect(renderPlain(r)).toContain('States: Mexico, Brazil.');
    expect(renderPlain(await say('reminders'))).toContain('States: Mexico, Brazil.');
    app.close();
  });

  it('a channel subscribed to every State stays so, and says it', async () => {
    const { say, app } = startTalk();
    await say('subscribe');
    const r = await say('subscribe Brazil');
    expect(renderPlain(r)).toContain('States: every tracked State.');
    expect(renderPlain(r)).toMatch(/already gets reminders for every tracked State/);
    app.close();
  });
});

describe('answer counts (fix 2)', () => {
  it('says answered, partial, declined and outstanding apart', async () => {
    const { say, app } = startTalk();
    await say('answered Mexico 1,2,3');
    await say('partial Mexico 4');
    const r = await say('declined Mexico 5');
    expect(renderPlain(r)).toContain('3 answered, 1 partial, 1 declined, 31 outstanding');
    expect(renderPlain(r)).not.toMatch(/Answered: 5 of 36/);
    expect(renderPlain(await say('outstanding Mexico --letter ishr'))).toContain('3 answered, 1 partial, 1 declined, 31 outstanding');
    app.close();
  });
});

describe('the command line names the channel (fix 5)', () => {
  it('reminders without --channel names the channel it looked at; help mentions --channel', async () => {
    const { say, app } = startTalk(undefined, 'cli', 'cli');
    const r = await say('reminders');
    expect(renderPlain(r)).toContain('The channel “cli” is not subscribed to reminders.');
    expect(renderPlain(r)).toContain('--channel');
    expect(renderPlain(await say('help'))).toContain('--channel');
    app.close();
  });

  it('ask --json answers carry "where"', async () => {
    const { say, app } = startTalk(undefined, 'cli', 'cli');
    const r = await say('ask How many journalists were killed in Mexico between 2000 and 2016?');
    const data = r.data as { question: string; answers: { where: string }[] };
    expect(Object.keys(data)).toEqual(['question', 'answers']);
    expect(data.answers.length).toBeGreaterThan(0);
    for (const a of data.answers) expect(typeof a.where).toBe('string');
    app.close();
  });
});

describe('greetings and questions about the bot (fix 6)', () => {
  it.each(['hi', 'hola', 'Hello!', 'what can you do?', '¿qué puedes hacer?', 'buenos días'])('answers "%s" with help', async (text) => {
    const { say, app } = startTalk();
    const r = await say(text);
    expect(renderPlain(r)).not.toMatch(/I found nothing/);
    // a greeting in Spanish gets the help in Spanish, with the Spanish command names
    expect(renderPlain(r)).toMatch(/^(hola|¿qué|buenos)/i.test(text) ? /pendientes \[Estado\]/ : /outstanding \[State\]/);
    expect(r.data).toMatchObject({ question: text, answers: [] });
    app.close();
  });

  it.each(['which documents do you have?', '¿qué documentos tienes?', 'what documents are in the library?'])('answers "%s" with the document list', async (text) => {
    const { say, app } = startTalk();
    const r = await say(text);
    expect(renderPlain(r)).not.toMatch(/I found nothing/);
    expect(renderPlain(r)).toMatch(/ishr-2020-mexico-questions/);
    app.close();
  });
});

describe('doubled text and marks (fix 4)', () => {
  it('question Mexico 22 prints its list and last line once, in chat and in the CSV', async () => {
    const { say, app } = startTalk();
    const text = renderPlain(await say('question Mexico 22'));
    expect(text.match(/Cooperate in good faith/g)).toHaveLength(1);
    expect(text.match(/Would you be willing to endorse/g)).toHaveLength(1);
    const csv = (await say('export Mexico csv')).blocks.find((b) => b.kind === 'file') as { content: string };
    expect(csv.content.match(/Would you be willing to endorse/g)).toHaveLength(1);
    app.close();
  });

  it('a quote carries no stray or doubled quotation marks', async () => {
    const { tidyQuote } = await import('../../src/core/commands/ask.js');
    expect(tidyQuote('“Will you invite the Rapporteur?”')).toBe('Will you invite the Rapporteur?');
    expect(tidyQuote('“Will you invite the Rapporteur?')).toBe('Will you invite the Rapporteur?');
    expect(tidyQuote('to “uphold the highest standards”.')).toBe('to “uphold the highest standards”.');
    expect(tidyQuote('the pledge if elected?”')).toBe('the pledge if elected?');
    const { say, app } = startTalk();
    const r = await say('Would you be willing to endorse the Incoming Members Pledge?');
    expect(renderPlain(r)).not.toMatch(/““|””|“\s*“/);
    app.close();
  });
});

describe('typos (issue 17)', () => {
  it.each([
    ['answerd Mexico 3', 'answered'],
    ['outstandng Mexico', 'outstanding'],
    ['deadlnes', 'deadlines'],
    ['questoin Mexico 5', 'question'],
  ])('"%s" gets "did you mean `%s`?" instead of a document search', async (text, meant) => {
    const { say, app } = startTalk();
    const r = await say(text);
    expect(renderPlain(r)).toContain(`did you mean \`${meant}\`?`);
    expect(renderPlain(r)).not.toMatch(/I found nothing|—/);
    app.close();
  });

  it('a question that starts with an ordinary word is still a question', async () => {
    const { say, app } = startTalk();
    expect(renderPlain(await say('Where are journalists killed in Mexico?'))).not.toMatch(/did you mean/);
    expect(renderPlain(await say('Answers of Mexico on disappearances'))).not.toMatch(/did you mean/);
    app.close();
  });

  it('a State name close to a known one gets a suggestion', async () => {
    const { say, app } = startTalk();
    expect(renderPlain(await say('outstanding Mexcio'))).toMatch(/I don't know a State called "Mexcio"\. Did you mean Mexico\?/);
    expect(renderPlain(await say('outstanding Guatamala'))).toMatch(/Did you mean Guatemala\?/);
    expect(renderPlain(await say('outstanding Narnia'))).not.toMatch(/Did you mean/);
    app.close();
  });
});

describe('citations in the ledger’s terms (fix 4)', () => {
  it('cites the 2013 letter’s recommendation as the ledger labels it (2.6), in chat and in JSON', async () => {
    const { say, app } = startTalk();
    const r = await say('registry of allegations of intimidation and reprisals');
    const data = r.data as { answers: { doc: string; where: string }[] };
    expect(data.answers[0]).toMatchObject({ doc: 'ngo-2013-open-letter', where: '§ Reprisals and intimidation · recommendation 2.6' });
    expect(renderPlain(r)).toContain('recommendation 2.6');
    expect(renderPlain(r)).not.toMatch(/recommendation 6\b/);
    app.close();
  });

  it('a tracked letter dated only in its text is cited with that date, not "undated"', async () => {
    const { cpSync, mkdirSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tempDir } = await import('../fakes/temp-dir.js');
    const { buildApp } = await import('../../src/app.js');
    const { loadConfig } = await import('../../src/config/config.js');
    const { silentLogger } = await import('../../src/logging.js');
    const { FakeClock } = await import('../fakes/clock.js');
    const root = tempDir();
    cpSync(join(import.meta.dirname, '..', '..', 'index-data'), join(root, 'index-data'), { recursive: true });
    writeFileSync(
      join(root, 'index-data', 'corpus', 'coalition-2026-costa-rica.txt'),
      'Letter to the Permanent Mission of Costa Rica\n\nGeneva, 1 December 2026\n\nYour Excellency,\n\nWe would be grateful for your answers by 15th January 2027.\n\nQuestions posed specifically to Costa Rica\n\n1. *Red de Defensoras*: “How will you protect the land defenders of the Talamanca highlands?”\n\n2. *Coalición Centroamericana*: “Will Costa Rica invite the Special Rapporteur?”\n\nWe look forward to your answers.\n',
    );
    mkdirSync(join(root, 'data'));
    const app = buildApp(loadConfig({ PLEDGEWATCH_DATA_DIR: join(root, 'data'), PLEDGEWATCH_CORPUS_DIR: join(root, 'index-data', 'corpus'), PLEDGEWATCH_COORDINATORS: 'slack:UC' }), { logger: silentLogger(), clock: new FakeClock('2026-12-02T12:00:00Z') });
    await app.ready;
    const say = (text: string) => app.core.handle({ platform: 'slack', channel: 'slack:C1', user: 'slack:UC', text, isDirect: false });
    await say('track coalition-2026-costa-rica --yes');
    const r = await say('How will you protect the land defenders of the Talamanca highlands?');
    const quote = r.blocks.find((b) => b.kind === 'quote');
    expect(quote).toMatchObject({ citation: { doc: 'coalition-2026-costa-rica', date: '2026-12-01' } });
    expect(renderPlain(r)).not.toMatch(/undated/);
    app.close();
  });
});
