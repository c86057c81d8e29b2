import { describe, expect, it } from 'vitest';
import { renderPlain } from '../../src/kernel/reply.js';
import { languageOfText, translator } from '../../src/kernel/i18n.js';
import { reminderReply, missedSummaryReply } from '../../src/reminders/render.js';
import type { ReminderRow } from '../../src/reminders/store.js';
import { startTalk } from './harness.js';

describe('replies in the asker’s language (issue 17)', () => {
  it('a channel set to Spanish gets the help, the ledger, counts and errors in Spanish; English again after `language en`', async () => {
    const { say, app } = startTalk();
    expect(renderPlain(await say('language es'))).toMatch(/español/);
    const help = renderPlain(await say('help'));
    expect(help).toMatch(/pendientes \[Estado\]/);
    expect(help).toMatch(/respondida <Estado> <números>/);
    expect(help).toMatch(/Escribe `ayuda <comando>`/);
    expect(help).not.toMatch(/outstanding \[State\]/);

    const owed = renderPlain(await say('outstanding Mexico'));
    expect(owed).toMatch(/\d+ de \d+ pendientes/);
    expect(owed).toMatch(/formulada por/);
    expect(owed).toMatch(/vence el \d{1,2} de \w+ de 20\d\d/); // the date by Intl, es-ES

    const recorded = renderPlain(await say('respondida México 3,4'));
    expect(recorded).toMatch(/preguntas 3, 4 registradas como respondidas\. Quedan \d+ de \d+ pendientes\./);
    expect(recorded).toMatch(/2 respondidas, \d+ pendientes/); // plural rules: "2 respondidas"
    expect(renderPlain(await say('parcial México 5'))).toMatch(/pregunta 5 registrada como parcial/);

    expect(renderPlain(await say('outstanding Narnia'))).toMatch(/No conozco ningún Estado llamado «Narnia»/);
    expect(renderPlain(await say('question Mexico 999'))).toMatch(/No hay ninguna pregunta 999 en/);
    expect(renderPlain(await say('outstanding Mexico --lettr x'))).toMatch(/no tiene la opción --lettr/);
    expect(renderPlain(await say('answerd Mexico 3'))).toMatch(/¿quisiste decir `respondida`\?/);
    expect(renderPlain(await say('plazos'))).toMatch(/Vencidos|Próximos/);
    expect(renderPlain(await say('reminders'))).toMatch(/no está suscrito/);

    // a quote stays in its document's language
    const ask = await say('How many journalists were killed in Mexico between 2000 and 2016?');
    expect(renderPlain(ask)).toMatch(/journalists/i);

    expect(renderPlain(await say('language en'))).toMatch(/in English/);
    expect(renderPlain(await say('outstanding Mexico'))).toMatch(/\d+ of \d+ outstanding/);
    app.close();
  });

  it('a channel with no language set answers each question in its own language', async () => {
    const { say, app } = startTalk();
    expect(renderPlain(await say('pendientes México'))).toMatch(/pendientes/);
    expect(renderPlain(await say('outstanding Mexico'))).toMatch(/outstanding/);
    expect(renderPlain(await say('¿Qué le falta responder a México?'))).toMatch(/Del registro \(el comando `pendientes Mexico` hace lo mismo\)/);
    expect(renderPlain(await say('language'))).toMatch(/no language set/);
    app.close();
  });

  it('`language` refuses a language it does not speak and changes nothing', async () => {
    const { say, app } = startTalk();
    expect(renderPlain(await say('language fr'))).toMatch(/English \(en\) and Spanish \(es\)/);
    expect(renderPlain(await say('outstanding Mexico'))).toMatch(/outstanding/);
    app.close();
  });

  it('the channel’s language survives a restart (kept in the database)', async () => {
    const first = startTalk();
    await first.say('idioma es');
    const dataDir = first.app.config.dataDir;
    first.app.close();
    const { buildApp } = await import('../../src/app.js');
    const { loadConfig } = await import('../../src/config/config.js');
    const { silentLogger } = await import('../../src/logging.js');
    const app = buildApp(loadConfig({ PLEDGEWATCH_DATA_DIR: dataDir, PLEDGEWATCH_TIMEZONE: 'America/Mexico_City' }), { logger: silentLogger() });
    const r = await app.core.handle({ platform: 'slack', channel: 'slack:C1', user: 'slack:U2', text: 'deadlines', isDirect: false });
    expect(renderPlain(r)).toMatch(/Vencidos|Próximos|Abiertos/);
    app.close();
  });

  it('reminders are posted in the channel’s language, with Spanish dates and plurals', () => {
    const row = { key: 'k', channel: 'slack:C1', letter: 'l', stateId: 'MX', state: 'México', kind: '3-days', dueAt: Date.parse('2026-11-28T15:00:00Z'), zone: 'America/Mexico_City' } as ReminderRow;
    const d = { letter: 'l', letterTitle: 'Preguntas a México', stateId: 'MX', state: 'México', deadline: '2026-12-01', timezone: 'America/Mexico_City', total: 36, outstanding: [{ label: '1', askedBy: ['I(dh)eas'] }, { label: '2', askedBy: [] }] };
    const es = renderPlain(reminderReply(row, d as never, new Date('2026-11-28T15:00:00Z'), 'es'));
    expect(es).toMatch(/Recordatorio: México debe respuestas a «Preguntas a México»/);
    expect(es).toMatch(/Plazo: 1 de diciembre de 2026 \(en 3 días\)\. 2 de 36 preguntas pendientes\./);
    expect(es).toMatch(/la coalición/);
    const en = renderPlain(reminderReply(row, d as never, new Date('2026-11-28T15:00:00Z')));
    expect(en).toMatch(/Deadline: 1 December 2026 \(in 3 days\)\. 2 of 36 questions outstanding\./);
    const missed = renderPlain(missedSummaryReply('slack:C1', [{ state: 'México', letter: 'l', kind: '1-day', dueAt: Date.parse('2026-11-20T15:00:00Z'), deadline: '2026-12-01', zone: 'UTC' }], new Date('2026-11-28T15:00:00Z'), 'es'));
    expect(missed).toMatch(/tocaba 1 recordatorio que no se publicó/);
    expect(missed).toMatch(/recordatorio de 1 día antes/);
  });

  it('tells the language of a question from its words', () => {
    expect(languageOfText('¿Qué le falta responder a México?')).toBe('es');
    expect(languageOfText('qué preguntas siguen sin respuesta')).toBe('es');
    expect(languageOfText('which questions has Mexico not answered yet?')).toBe('en');
    expect(languageOfText('outstanding México')).toBe('en');
    expect(languageOfText('México 5')).toBeUndefined();
    expect(translator('es')('ledger.count.answered', { count: 1 })).toBe('1 respondida');
    expect(translator('es')('ledger.count.answered', { count: 0 })).toBe('0 respondidas');
    expect(translator('en')('due.overdue', { count: 1 })).toBe('overdue by 1 day');
  });
});
