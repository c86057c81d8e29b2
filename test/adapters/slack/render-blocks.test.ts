import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, renderSlackMessages, SHARE_ACTION_ID, SLACK_LIMITS, splitEscaped } from '../../../adapters/slack/render-blocks.js';
import { slackToPlain } from '../../../adapters/slack/slack-text.js';
import { reply, type Block } from '../../../src/kernel/reply.js';
import { blockText } from './slack-harness.js';

const citation = { doc: 'ishr-2020', title: 'Questions to Mexico <!here>', date: '2020-10-01', where: 'question 5' };
const hostile = 'Mexico <!channel> <!here> <@U123> <http://evil.example|click> & co';

/** Every string that will reach Slack in a message: blocks and the text fallback. */
const everything = (blocks: Block[]) => renderSlackMessages(reply(blocks), { shareId: 'x' }).flatMap((m) => [m.text, blockText(m.blocks)]).join('\n');

describe('the Slack renderer', () => {
  it('escapes & < > so user and document text cannot ping, mention or disguise a link', () => {
    expect(escapeMrkdwn(hostile)).toBe('Mexico &lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt; &lt;http://evil.example|click&gt; &amp; co');
    const all = everything([
      { kind: 'heading', text: hostile },
      { kind: 'text', text: hostile },
      { kind: 'text', text: hostile, tone: 'muted' },
      { kind: 'quote', text: hostile, citation, passage: `${hostile} in context` },
      { kind: 'list', title: hostile, items: [{ label: '<@U999>', text: hostile, detail: hostile }] },
      { kind: 'progress', done: 1, total: 3, label: hostile },
      { kind: 'error', sentence: hostile, hint: hostile },
      { kind: 'file', name: '<!channel>.csv', mimeType: 'text/csv', content: hostile },
    ]);
    // No raw angle bracket survives anywhere: Slack's special syntax always starts with "<".
    expect(all).not.toMatch(/<[!@#]|<http/);
    expect(all).not.toContain('<');
    expect(all).toContain('&lt;!channel&gt;');
    expect(all).toContain('&amp; co');
    expect(all).not.toMatch(/&(?!amp;|lt;|gt;)/);
  });

  it('draws a quote, then its citation line (title · date · where), then the passage', () => {
    const [message] = renderSlackMessages(reply([{ kind: 'quote', text: 'Journalists are protected.', citation, passage: 'The State said: journalists are protected, mostly.' }]));
    expect(message!.blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: '>Journalists are protected.' } });
    expect(message!.blocks[1]).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: 'Questions to Mexico &lt;!here&gt; · 2020-10-01 · question 5' }] });
    expect(blockText([message!.blocks[2]])).toContain('mostly');
    expect(message!.text).toContain('Journalists are protected.');
  });

  it('lists ledger items compactly, several per section, with progress', () => {
    const items = Array.from({ length: 12 }, (_, i) => ({ label: String(i + 1), text: `Question ${i + 1} about protection`, detail: 'outstanding' }));
    const [message] = renderSlackMessages(reply([{ kind: 'list', title: 'Mexico owes 12', items }, { kind: 'progress', done: 3, total: 12, label: 'Answered' }]));
    expect(message!.blocks).toHaveLength(3);
    expect(blockText(message!.blocks)).toContain('*12* Question 12 about protection');
    expect(blockText(message!.blocks)).toMatch(/Answered: ▓▓▓░░░░░░░ 3 of 12/);
  });

  it('keeps every message within 50 blocks and every text within 3 000 characters, with a fallback text', () => {
    const items = Array.from({ length: 400 }, (_, i) => ({ label: `${i + 1}`, text: `${'&<>'.repeat(30)} question ${i + 1} ${'words '.repeat(40)}` }));
    const blocks: Block[] = [{ kind: 'list', title: 'All', items }, ...Array.from({ length: 60 }, (_, i): Block => ({ kind: 'text', text: `paragraph ${i}` }))];
    const messages = renderSlackMessages(reply(blocks), { shareId: 'share-1' });
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(m.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
      expect(m.text.length).toBeGreaterThan(0);
      expect(m.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
      for (const b of m.blocks as any[]) {
        if (b.type === 'section') expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
        if (b.type === 'context') for (const e of b.elements) expect(e.text.length).toBeLessThanOrEqual(SLACK_LIMITS.contextText);
      }
    }
    // Every item made it, in order, and no entity was cut in half.
    const all = messages.map((m) => blockText(m.blocks)).join('\n');
    expect(all).toContain('*400*');
    expect(all).not.toMatch(/&(?!amp;|lt;|gt;)/);
    // The share button sits once, on the last message.
    const buttons = messages.flatMap((m) => m.blocks).filter((b) => b.type === 'actions');
    expect(buttons).toHaveLength(1);
    expect(messages.at(-1)!.blocks.at(-1)).toMatchObject({ type: 'actions', elements: [{ action_id: SHARE_ACTION_ID, value: 'share-1' }] });
  });

  it('cuts a reply too long for Slack short, and says so', () => {
    const blocks: Block[] = Array.from({ length: 1000 }, (_, i) => ({ kind: 'text', text: `line ${i}` }));
    const messages = renderSlackMessages(reply(blocks));
    expect(messages).toHaveLength(SLACK_LIMITS.messagesPerReply);
    expect(blockText(messages.at(-1)!.blocks)).toMatch(/longer than Slack lets me post/);
  });

  it('splits a long text on word boundaries without breaking an entity', () => {
    const pieces = splitEscaped('a&b '.repeat(1000), 100);
    for (const p of pieces) {
      expect(p.length).toBeLessThanOrEqual(100);
      expect(p).not.toMatch(/&(?!amp;)/);
    }
    expect(pieces.join(' ').replace(/&amp;/g, '&').split('a&b').length - 1).toBe(1000);
  });
});

describe('text coming from Slack', () => {
  it('becomes what the person typed: entities decoded, mentions and links made plain, the bot mention dropped', () => {
    expect(slackToPlain('<@UBOT0001> what did Mexico say about &lt;journalists&gt; &amp; judges?', 'UBOT0001')).toBe('what did Mexico say about <journalists> & judges?');
    expect(slackToPlain('ask <@U123|ana> in <#C123|general> <!here> see <https://ohchr.org|OHCHR> <mailto:a@b.org|a@b.org>')).toBe(
      'ask @ana in #general @here see OHCHR (https://ohchr.org) a@b.org',
    );
  });
});
