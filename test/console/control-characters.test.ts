import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { renderPlain, reply } from '../../src/kernel/reply.js';
import { silentLogger } from '../../src/logging.js';
import { consoleInProcess } from '../fakes/console-chat.js';
import { cli } from '../fakes/run-cli.js';
import { tempDir } from '../fakes/temp-dir.js';

// What a hostile note or document could carry to a terminal: a colour change (CSI), a disguised hyperlink and a
// window title (OSC, ended by BEL or ST), a bare ESC, C1 controls (CSI 0x9b, OSC 0x9d), backspace, CR and DEL.
const HOSTILE = '\x1b[31mred\x1b[0m \x1b]8;;https://evil.example\x07click\x1b]8;;\x07 \x1b]0;title\x1b\\ \x9b2J\x9d0;t\x07 a\bb\rc\x7f end';
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('the plain renderer (console and CLI) prints no control characters', () => {
  it('strips them from every kind of block, file content included, keeping newlines and tabs', () => {
    const out = renderPlain(
      reply([
        { kind: 'heading', text: HOSTILE },
        { kind: 'text', text: `line one\n\tindented ${HOSTILE}` },
        { kind: 'list', title: HOSTILE, items: [{ label: HOSTILE, text: HOSTILE, detail: HOSTILE }] },
        { kind: 'quote', text: HOSTILE, citation: { doc: 'd', title: HOSTILE, date: null, where: HOSTILE } },
        { kind: 'progress', done: 1, total: 2, label: HOSTILE },
        { kind: 'error', sentence: HOSTILE, hint: HOSTILE },
        { kind: 'file', name: HOSTILE, mimeType: 'text/csv', content: `a,b\n"x\ty",${HOSTILE}\n` },
      ]),
    );
    expect(out).not.toMatch(CONTROL);
    expect(out).toContain('line one\n\tindented');
    expect(out).toContain('a,b\n"x\ty",');
    // whole escape sequences go, not only their ESC: no "[31m" or "]8;;https://evil.example" left to read
    expect(out).not.toContain('[31m');
    expect(out).not.toContain('evil.example');
    expect(out).toContain('red click');
  });

  it('in the console chat, a note and an export carry none to the terminal', async () => {
    const app = buildApp(loadConfig({ PLEDGEWATCH_DATA_DIR: tempDir() }), { logger: silentLogger() });
    const chat = await consoleInProcess(app.core);
    // a note arrives through the ledger from any platform; the console then prints it
    app.services.ledger.record({ stateId: 'MX', numbers: '5', status: 'answered', note: HOSTILE, actor: 'slack:UCOORD' });
    await chat.say('question Mexico 5', 'History');
    await chat.say('export Mexico csv', 'questions exported');
    await chat.stop();
    app.close();
    expect(chat.printed()).toContain('answered: red click');
    expect(chat.printed()).toContain('pledgewatch-mx.csv');
    expect(chat.printed()).not.toMatch(CONTROL);
  });

  it('from the command line, an export carries none to the terminal', async () => {
    const dir = tempDir();
    const app = buildApp(loadConfig({ PLEDGEWATCH_DATA_DIR: dir }), { logger: silentLogger() });
    app.services.ledger.record({ stateId: 'MX', numbers: '5', status: 'answered', note: HOSTILE, actor: 'slack:UCOORD' });
    app.close();
    const r = await cli(['export', 'Mexico', 'csv'], { PLEDGEWATCH_DATA_DIR: dir });
    expect(r.code).toBe(0);
    expect(r.out).toContain('red click');
    expect(r.out).not.toMatch(CONTROL);
    const q = await cli(['question', 'Mexico', '5'], { PLEDGEWATCH_DATA_DIR: dir });
    expect(q.out).toContain('answered: red click');
    expect(q.out).not.toMatch(CONTROL);
  });
});
