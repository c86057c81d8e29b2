import { describe, expect, it } from 'vitest';
import { renderPlain } from '../../src/kernel/reply.js';
import { startTalk } from './harness.js';

describe('draft <State> (issue 17)', () => {
  it('writes the chase-up message in English: the letter, the deadline, the outstanding questions with numbers and askers', async () => {
    const { say, app } = startTalk();
    await say('answered Mexico 1-35');
    const r = await say('draft Mexico');
    const text = renderPlain(r);
    expect(text).toContain('Your Excellency,');
    expect(text).toContain('We had asked for your answers by 9 October 2020.');
    expect(text).toContain('The following question remains unanswered:');
    expect(text).toMatch(/^36\. .+\(asked by .+\)$/m);
    expect(text).not.toMatch(/^5\. /m);
    expect(text).toContain('nothing was sent');
    expect(r.data).toMatchObject({ state: 'Mexico', letter: 'ishr-2020-mexico-questions', language: 'en' });
    app.close();
  });

  it('writes it in Spanish with --lang es or as `borrador`', async () => {
    const { say, app } = startTalk();
    for (const line of ['draft México --lang es', 'borrador México']) {
      const text = renderPlain(await say(line));
      expect(text).toContain('Excelencia:');
      expect(text).toContain('a más tardar el 9 de octubre de 2020');
      expect(text).toContain('Las siguientes 36 preguntas siguen sin respuesta:');
      expect(text).toContain('no se envió nada');
    }
    expect(renderPlain(await say('draft Mexico --lang fr'))).toMatch(/English \(en\) or Spanish \(es\)/);
    app.close();
  });
});
