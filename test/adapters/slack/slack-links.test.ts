import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../../adapters/matrix/matrix-html.js';
import { slackToPlain } from '../../../adapters/slack/slack-text.js';
import { renderPlain } from '../../../src/kernel/reply.js';
import { blockText, COORDINATOR, postSigned, slashCommandBody, startHarness, type Harness } from './slack-harness.js';

const CHANNEL = 'C0LEDGER1';

async function slash(h: Harness, text: string, user: string) {
  const before = h.fake.deliveries.length;
  const res = await postSigned(h.baseUrl, slashCommandBody(h.fake, { text, user, channel: CHANNEL }), { form: true });
  expect(res.status).toBe(200);
  return h.fake.waitForDelivery(() => true, before + 1);
}

describe('links in what Slack sends', () => {
  it('keep their target and their label; a link Slack made from typed text stays as typed', () => {
    expect(slackToPlain('answered Mexico 12 <https://example.org/report|the report>')).toBe('answered Mexico 12 the report (https://example.org/report)');
    expect(slackToPlain('see <https://example.org/report>')).toBe('see https://example.org/report');
    expect(slackToPlain('see <http://example.org|example.org> and <https://example.org/a/|https://example.org/a>')).toBe('see example.org and https://example.org/a');
    // a label that pretends to be another address no longer hides the real one
    expect(slackToPlain('<https://evil.example/x|https://ohchr.org>')).toBe('https://ohchr.org (https://evil.example/x)');
    expect(slackToPlain('<https://example.org/?a=1&amp;b=2|a | b &amp; c>')).toBe('a | b & c (https://example.org/?a=1&b=2)');
  });

  it('a note recorded with a Slack link keeps the URL, and renders safely in Slack, Matrix and plain text', async () => {
    const h = await startHarness({ mode: 'http' });
    const recorded = await slash(h, 'answered Mexico 12 <https://example.org/report?a=1&amp;b=2|the &lt;b&gt;report&lt;/b&gt;>', COORDINATOR);
    const shown = `${recorded.text}\n${blockText(recorded.blocks)}`;
    // Slack: the URL is there (Slack links it), & < > escaped, no Slack link syntax made from the label
    expect(shown).toContain('Note: the &lt;b&gt;report&lt;/b&gt; (https://example.org/report?a=1&amp;b=2)');
    expect(shown).not.toContain('<');

    const note = 'the <b>report</b> (https://example.org/report?a=1&b=2)';
    const question = await h.app.core.handle({ platform: 'cli', channel: 'cli', user: 'cli:test', text: 'question Mexico 12 --letter ishr', isDirect: true });
    expect((question.data as { note: string }).note).toBe(note);
    expect(renderPlain(question)).toContain(`answered: ${note}`);
    const matrix = renderMessage(question);
    expect(matrix.body).toContain(note);
    expect(matrix.formatted_body).toContain('the &lt;b&gt;report&lt;/b&gt; (https://example.org/report?a=1&amp;b=2)');
    expect(matrix.formatted_body).not.toContain('<b>report');
  });
});
