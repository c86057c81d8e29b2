import { describe, expect, it } from 'vitest';
import { MAX_CONTENT_BYTES, renderMessage, splitReply } from '../../../adapters/matrix/matrix-html.js';
import { reply, type Block } from '../../../src/kernel/reply.js';

const hostile = 'Mexico <a href="https://evil.example">click</a> @room <b>bold</b> & <img src=x onerror=alert(1)> \u202e';

describe('the Matrix renderer', () => {
  it('escapes user and document text in every block: no markup, no link, no @room', () => {
    const blocks: Block[] = [
      { kind: 'heading', text: hostile },
      { kind: 'text', text: hostile },
      { kind: 'text', text: hostile, tone: 'muted' },
      { kind: 'quote', text: hostile, citation: { doc: 'd', title: hostile, date: '2024-01-02', where: hostile } },
      { kind: 'list', title: hostile, items: [{ label: hostile, text: hostile, detail: hostile }] },
      { kind: 'progress', done: 1, total: 2, label: hostile },
      { kind: 'error', sentence: hostile, hint: hostile },
      { kind: 'file', name: hostile, mimeType: 'text/csv', content: hostile },
    ];
    const c = renderMessage(reply(blocks));
    const html = c.formatted_body;
    expect(html).not.toMatch(/<a[\s>]/);
    expect(html).not.toMatch(/<b>|<img/);
    expect(html).not.toMatch(/@room/);
    expect(html).toContain('&lt;a href=&quot;https://evil.example&quot;&gt;');
    expect(html).toContain('&lt;b&gt;bold&lt;/b&gt;');
    expect(html).not.toContain('\u202e');
    expect(c.body).not.toMatch(/@room/);
    expect(c.body).toContain('@\u2060room');
    // only our own tags remain
    const tags = new Set([...html.matchAll(/<\/?([a-z0-9]+)/g)].map((m) => m[1]));
    expect([...tags].sort()).toEqual(['blockquote', 'br', 'code', 'em', 'li', 'p', 'pre', 'strong', 'ul']);
  });

  it('writes a notice with a plain body, explicit mentions and never room: true', () => {
    const c = renderMessage(reply([{ kind: 'text', text: 'Type `help outstanding` for examples.' }]), { mentionUserIds: ['@mia:x', '@mia:x'] });
    expect(c.msgtype).toBe('m.notice');
    expect(c.format).toBe('org.matrix.custom.html');
    expect(c.formatted_body).toBe('<p>Type <code>help outstanding</code> for examples.</p>');
    expect(c.body).toBe('Type `help outstanding` for examples.');
    expect(c['m.mentions']).toEqual({ user_ids: ['@mia:x'] });
    expect(renderMessage(reply([]))['m.mentions']).toEqual({});
    expect(JSON.stringify(c)).not.toMatch(/"room"\s*:\s*true/);
  });

  it('threads under the question with a reply fallback for clients without threads', () => {
    const c = renderMessage(reply([{ kind: 'text', text: 'x' }]), { thread: { root: '$root', inReplyTo: '$q' } });
    expect(c['m.relates_to']).toEqual({ rel_type: 'm.thread', event_id: '$root', is_falling_back: true, 'm.in_reply_to': { event_id: '$q' } });
  });

  it('cuts a long file so the event stays under the size limit', () => {
    const c = renderMessage(reply([{ kind: 'file', name: 'export.csv', mimeType: 'text/csv', content: 'x'.repeat(100_000) }]));
    expect(Buffer.byteLength(JSON.stringify(c))).toBeLessThan(60_000);
    expect(c.formatted_body).toMatch(/shortened/);
  });

  it('cuts a reply too large for one Matrix event into several, losing nothing and keeping the order', () => {
    const items = Array.from({ length: 1500 }, (_, i) => ({ label: String(i + 1), text: `Question ${i + 1}: ` + 'x'.repeat(80) + ' & <b>' }));
    const long = 'word '.repeat(30_000);
    const r = reply([{ kind: 'heading', text: 'Everything' }, { kind: 'list', title: 'Outstanding', items }, { kind: 'text', text: long }]);
    const parts = splitReply(r);
    expect(parts.length).toBeGreaterThan(3);
    for (const p of parts) expect(Buffer.byteLength(JSON.stringify(renderMessage(p)))).toBeLessThanOrEqual(MAX_CONTENT_BYTES);
    const labels = parts.flatMap((p) => p.blocks.flatMap((b) => (b.kind === 'list' ? b.items.map((i) => i.label) : [])));
    expect(labels).toEqual(items.map((i) => i.label));
    const text = parts.flatMap((p) => p.blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : []))).join('');
    expect(text).toBe(long);
    expect(splitReply(reply([{ kind: 'text', text: 'short' }]))).toHaveLength(1);
  });
});

