import { describe, expect, it } from 'vitest';
import { renderPlain } from '../../src/kernel/reply.js';
import { LEDGER_QUESTIONS } from './conversation.js';
import { startTalk } from './harness.js';

describe('the issue’s ledger questions and their Spanish twins, answered from the ledger (issue 17)', () => {
  it.each(LEDGER_QUESTIONS)('"$en" / "$es" → `$command`', async ({ en, es, command, es_command }) => {
    const { say, app } = startTalk(undefined, 'cli', 'cli');
    await say('answered Mexico 3 https://example.org/reply');
    for (const [text, spoken, lang] of [[en, command, 'en'], [es, es_command, 'es']] as const) {
      const r = await say(`ask ${text}`);
      const data = r.data as { ledger?: { command: string; result: unknown } };
      expect(data.ledger?.command.replace(/"/g, '')).toBe(command.replace(/^(outstanding --topic) .*/, `$1 ${lang === 'en' ? 'disappearance' : 'desaparicion'}`));
      expect(data.ledger?.result).toEqual((await say(data.ledger!.command)).data);
      const text_ = renderPlain(r);
      expect(text_).toContain(lang === 'en' ? `\`${spoken}\` does the same` : `\`${spoken}\` hace lo mismo`);
      expect(text_).not.toMatch(/I found nothing|No encontré nada/);
    }
    app.close();
  });

  it('a topic filter finds questions in the letter’s language whichever language it is asked in', async () => {
    const { say, app } = startTalk(undefined, 'cli', 'cli');
    const en = (await say('outstanding --topic disappearance')).data as { outstanding: { number: string; text: string }[] };
    const es = (await say('pendientes --topic desaparición')).data as { outstanding: { number: string }[] };
    expect(en.outstanding.length).toBeGreaterThan(0);
    expect(en.outstanding.every((q) => /disappear/i.test(q.text))).toBe(true);
    expect(es.outstanding.map((q) => q.number)).toEqual(en.outstanding.map((q) => q.number));
    const none = await say('outstanding Mexico --topic astronomy');
    expect(renderPlain(none)).toMatch(/No outstanding question mentions “astronomy”/);
    app.close();
  });

  it('`changes` lists what the audit log holds since a week ago, newest first, and nothing older', async () => {
    const { say, app, clock } = startTalk(undefined, 'cli', 'cli');
    await say('answered Mexico 3');
    clock.set('2020-10-10T12:00:00Z');
    await say('declined Mexico 4');
    await say('deadline Mexico ishr-2020-mexico-questions 2020-11-01');
    const r = renderPlain(await say('changes'));
    expect(r).toMatch(/Mexico 4: declined[\s\S]*Mexico, ishr-2020-mexico-questions: deadline 2020-11-01|deadline 2020-11-01[\s\S]*Mexico 4: declined/);
    expect(r).not.toMatch(/Mexico 3: answered/);
    expect(renderPlain(await say('changes 30'))).toMatch(/Mexico 3: answered/);
    expect(renderPlain(await say('cambios'))).toMatch(/Lo que cambió en el registro desde el 3 de octubre de 2020/);
    app.close();
  });
});
