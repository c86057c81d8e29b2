import { describe, expect, it } from 'vitest';
import { measureRouter } from '../../src/core/commands/ledger-router-measure.js';
import { renderPlain } from '../../src/kernel/reply.js';
import { startTalk } from './harness.js';
import { DOCUMENT_QUESTIONS, LEDGER_PHRASINGS } from './phrasings.js';
import { bundledRouteContext } from './router-measure.js';

describe('ledger questions in plain words (issue 17)', () => {
  it('routes at least 90% of unseen ledger phrasings, and at most 5% of document questions', () => {
    expect(LEDGER_PHRASINGS.length).toBeGreaterThanOrEqual(40);
    expect(DOCUMENT_QUESTIONS.length).toBeGreaterThanOrEqual(40);
    const m = measureRouter(LEDGER_PHRASINGS, DOCUMENT_QUESTIONS, bundledRouteContext());
    if (m.hitRate < 0.9 || m.misrouteRate > 0.05) console.log(JSON.stringify({ misses: m.misses, misroutes: m.misroutes }, null, 1));
    expect(m.hitRate).toBeGreaterThanOrEqual(0.9);
    expect(m.misrouteRate).toBeLessThanOrEqual(0.05);
  });

  it.each([
    ['which questions has Mexico not answered yet?', 'outstanding Mexico'],
    ['¿Qué le falta responder a México?', 'outstanding Mexico'],
    ['When does Mexico have to reply?', 'deadlines'],
    ['What is the deadline for Mexico to answer?', 'deadlines'],
    ['¿Cuándo tiene que responder México?', 'deadlines'],
    ['How many questions has Mexico answered?', 'outstanding Mexico'],
    ['Who asked question 7?', 'question Mexico 7'],
    ['¿Quién hizo la pregunta 7?', 'question Mexico 7'],
  ])('answers "%s" from the ledger, as `%s` would, keeping ask’s JSON shape', async (text, command) => {
    const { say, app } = startTalk(undefined, 'cli', 'cli');
    const r = await say(`ask ${text}`);
    const direct = await say(command);
    const data = r.data as { question: string; answers: unknown[]; ledger: { command: string; result: unknown } };
    expect(Object.keys(data)).toEqual(['question', 'answers', 'ledger']);
    expect(Array.isArray(data.answers)).toBe(true);
    expect(data.ledger.command).toBe(command);
    expect(data.ledger.result).toEqual(direct.data);
    // asked in Spanish, answered in Spanish, with the command's Spanish name
    const spanish = command.replace(/^outstanding/, 'pendientes').replace(/^deadlines/, 'plazos').replace(/^question/, 'detalle');
    expect(renderPlain(r)).toContain(text.startsWith('¿') ? `\`${spanish}\` hace lo mismo` : `\`${command}\` does the same`);
    app.close();
  });

  it('a document question keeps its shape with no "ledger" key', async () => {
    const { say, app } = startTalk(undefined, 'cli', 'cli');
    const r = await say('ask How many journalists were killed in Mexico between 2000 and 2016?');
    expect(Object.keys(r.data as object)).toEqual(['question', 'answers']);
    app.close();
  });
});
