import { formatCitation, renderPlain, stripControlCharacters, type Block, type Reply } from '../../src/kernel/reply.js';

/**
 * The ONE Slack renderer: Reply → Block Kit messages. Every string that reaches Slack passes through
 * `escapeMrkdwn` here, so text from users or documents can never become `<!channel>`, `<!here>`, a user
 * mention or a disguised link. Nothing else in the adapter writes markup. `link_names` is never set.
 */

/** Slack's limits (Block Kit reference). */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  contextText: 2000,
  /** the `text` fallback: what notifications and old clients show */
  fallbackText: 3000,
  buttonValue: 2000,
  /** a reply longer than this many messages is cut short with a note */
  messagesPerReply: 10,
} as const;

export const SHARE_ACTION_ID = 'pledgewatch_share';

/** A Block Kit block, as sent to chat.postMessage (kept structural: we only build these few kinds). */
export type SlackBlock =
  | { type: 'section'; text: { type: 'mrkdwn'; text: string } }
  | { type: 'context'; elements: Array<{ type: 'mrkdwn'; text: string }> }
  | { type: 'divider' }
  | {
      type: 'actions';
      elements: Array<{ type: 'button'; action_id: string; text: { type: 'plain_text'; text: string; emoji: boolean }; value: string }>;
    };

export interface SlackMessage {
  /** plain-text fallback, escaped like everything else */
  text: string;
  blocks: SlackBlock[];
}

export interface RenderOptions {
  /** add a "Share in channel" button to the last message, carrying this id */
  shareId?: string;
}

/** Only & < > have meaning in Slack text (Slack's "Escaping text"); control characters are dropped too. */
export function escapeMrkdwn(raw: string): string {
  return stripControlCharacters(raw).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Renders a reply as one or more Slack messages within Slack's limits, each with a plain-text fallback. */
export function renderSlackMessages(reply: Reply, options: RenderOptions = {}): SlackMessage[] {
  // Each core block becomes one or more Slack blocks; its plain fallback goes with its first Slack block.
  const units: Array<{ blocks: SlackBlock[]; plain: string }> = reply.blocks.map((b) => ({
    blocks: renderBlock(b),
    plain: renderPlain({ ...reply, blocks: [b] }),
  }));
  const reserve = options.shareId ? 1 : 0;
  const messages: Array<{ blocks: SlackBlock[]; plain: string[] }> = [];
  let current = { blocks: [] as SlackBlock[], plain: [] as string[] };
  const room = SLACK_LIMITS.blocksPerMessage - reserve;
  for (const unit of units) {
    unit.blocks.forEach((block, i) => {
      if (current.blocks.length >= room) {
        messages.push(current);
        current = { blocks: [], plain: [] };
      }
      current.blocks.push(block);
      if (i === 0) current.plain.push(unit.plain);
    });
  }
  if (current.blocks.length || !messages.length) messages.push(current);

  let out = messages;
  if (out.length > SLACK_LIMITS.messagesPerReply) {
    const dropped = out.length - SLACK_LIMITS.messagesPerReply + 1;
    out = out.slice(0, SLACK_LIMITS.messagesPerReply - 1);
    const note = `That is longer than Slack lets me post at once (${dropped} more part${dropped === 1 ? '' : 's'} left out). Narrow the question, or use the command line with --json for everything.`;
    out.push({ blocks: [contextBlock(escapeMrkdwn(note))], plain: [note] });
  }
  if (options.shareId) {
    const last = out[out.length - 1]!;
    last.blocks.push({
      type: 'actions',
      elements: [
        { type: 'button', action_id: SHARE_ACTION_ID, text: { type: 'plain_text', text: 'Share in channel', emoji: false }, value: options.shareId.slice(0, SLACK_LIMITS.buttonValue) },
      ],
    });
  }
  return out.map((m) => ({ blocks: m.blocks, text: fallback(m.plain.join('\n\n')) }));
}

/** The escaped plain-text fallback of a whole reply (for logs of sizes, tests and notifications). */
export function renderSlackText(reply: Reply): string {
  return fallback(renderPlain(reply));
}

function fallback(plain: string): string {
  const pieces = splitEscaped(plain || ' ', SLACK_LIMITS.fallbackText - 1);
  return pieces.length > 1 ? pieces[0]! + '…' : pieces[0]!;
}

function renderBlock(b: Block): SlackBlock[] {
  switch (b.kind) {
    case 'heading':
      return sections(b.text, (s) => `*${s}*`);
    case 'text':
      return b.tone === 'muted' ? contexts(b.text) : sections(b.text);
    case 'quote': {
      const quoted = sections(b.text, (s) => s.split('\n').map((line) => `>${line}`).join('\n'), 400);
      const out: SlackBlock[] = [...quoted, ...contexts(formatCitation(b.citation))];
      if (b.passage && b.passage.trim() !== b.text.trim()) out.push(...contexts(truncate(b.passage, 600), (s) => `_${s}_`));
      return out;
    }
    case 'list':
      return renderList(b.title, b.items);
    case 'progress': {
      const total = Math.max(b.total, 0);
      const done = Math.min(Math.max(b.done, 0), total);
      const cells = 10;
      const filled = total === 0 ? 0 : Math.round((done / total) * cells);
      const bar = '▓'.repeat(filled) + '░'.repeat(cells - filled);
      return [contextBlock(`${escapeMrkdwn(truncate(b.label, 200))}: ${bar} ${done} of ${total}`)];
    }
    case 'error': {
      const out: SlackBlock[] = sections(b.sentence, (s) => `:warning: ${s}`);
      if (b.hint) out.push(...contexts(b.hint));
      return out;
    }
    case 'file': {
      // Uploading needs files:write, which this app does not ask for: show the content as preformatted text.
      const head = contexts(`${b.name} (${b.mimeType})`);
      return [...head, ...sections(b.content, (s) => '```' + s + '```', 6)];
    }
  }
}

/** A list as compact sections: several items per section, each within Slack's 3 000 characters. */
function renderList(title: string | undefined, items: { label?: string; text: string; detail?: string }[]): SlackBlock[] {
  const out: SlackBlock[] = [];
  if (title) out.push(...sections(title, (s) => `*${s}*`));
  let buffer = '';
  const flush = () => {
    if (buffer) out.push(sectionBlock(buffer));
    buffer = '';
  };
  for (const item of items) {
    const label = item.label ? `*${escapeMrkdwn(truncate(item.label, 100))}* ` : '';
    const detail = item.detail ? `\n      _${escapeMrkdwn(truncate(item.detail, 500))}_` : '';
    const line = `• ${label}${escapeMrkdwn(item.text)}${detail}`;
    if (line.length > SLACK_LIMITS.sectionText) {
      // One very long item: split its own text, keeping the label on the first piece.
      flush();
      for (const [i, piece] of splitEscaped(item.text, SLACK_LIMITS.sectionText - 700).entries()) {
        out.push(sectionBlock(i === 0 ? `• ${label}${piece}` : piece));
      }
      if (detail) out.push(contextBlock(escapeMrkdwn(truncate(item.detail!, 500))));
      continue;
    }
    if (buffer && buffer.length + 1 + line.length > SLACK_LIMITS.sectionText) flush();
    buffer = buffer ? `${buffer}\n${line}` : line;
  }
  flush();
  return out;
}

const sectionBlock = (mrkdwn: string): SlackBlock => ({ type: 'section', text: { type: 'mrkdwn', text: mrkdwn } });
const contextBlock = (mrkdwn: string): SlackBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text: mrkdwn }] });

/** Escaped text in as many sections as it needs; `wrap` adds markup around each piece (its size is allowed for). */
function sections(raw: string, wrap: (escaped: string) => string = (s) => s, overhead = 0): SlackBlock[] {
  const limit = SLACK_LIMITS.sectionText - wrap('').length - overhead - 64;
  return splitEscaped(raw, limit).map((piece) => sectionBlock(wrapLines(wrap, piece)));
}

function contexts(raw: string, wrap: (escaped: string) => string = (s) => s): SlackBlock[] {
  const limit = SLACK_LIMITS.contextText - wrap('').length - 64;
  return splitEscaped(raw, limit).map((piece) => contextBlock(wrap(piece)));
}

// `>` quoting adds one character per line; allow for it by measuring after wrapping.
function wrapLines(wrap: (s: string) => string, piece: string): string {
  const out = wrap(piece);
  return out.length <= SLACK_LIMITS.sectionText ? out : out.slice(0, SLACK_LIMITS.sectionText);
}

/**
 * Splits raw text into escaped pieces of at most `limit` characters, preferring line and word breaks, and
 * never cutting an entity such as `&amp;` in two (the split happens on the raw text).
 */
export function splitEscaped(raw: string, limit: number): string[] {
  const text = stripControlCharacters(raw);
  const pieces: string[] = [];
  let rest = text;
  while (rest.length) {
    if (escapeMrkdwn(rest).length <= limit) {
      pieces.push(escapeMrkdwn(rest));
      break;
    }
    // Longest raw prefix whose escaped form fits (escaping at most quintuples a character: `&amp;`).
    let cut = 0;
    let size = 0;
    for (const ch of rest) {
      const add = ch === '&' ? 5 : ch === '<' || ch === '>' ? 4 : ch.length === 2 ? 2 : 1;
      if (size + add > limit) break;
      size += add;
      cut += ch.length;
    }
    const window = rest.slice(0, cut);
    const breakAt = Math.max(window.lastIndexOf('\n'), window.lastIndexOf(' '));
    const end = breakAt > cut * 0.5 ? breakAt + 1 : Math.max(cut, 1);
    pieces.push(escapeMrkdwn(rest.slice(0, end).trimEnd()));
    rest = rest.slice(end);
  }
  return pieces.length ? pieces : [''];
}

function truncate(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max - 1) + '…';
}
