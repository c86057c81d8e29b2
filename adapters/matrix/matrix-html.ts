import { formatCitation, renderPlain, stripControlCharacters, type Block, type Reply } from '../../src/kernel/reply.js';

/**
 * The Matrix renderer: the ONE place that turns a Reply into Matrix message content. Every string in a block
 * is plain text (user input, document passages, State names); all of it is escaped here, so nothing can become
 * markup, a link, a pill or an `@room` ping. Nothing else in the adapter writes HTML.
 */

export interface MatrixMessageContent {
  msgtype: 'm.notice';
  body: string;
  format: 'org.matrix.custom.html';
  formatted_body: string;
  'm.mentions': { user_ids?: string[] };
  'm.relates_to'?: Record<string, unknown>;
  [key: string]: unknown;
}

/** A file block longer than this is cut: a Matrix event is at most 64 KiB, and a chat room is no place for a dump. */
const MAX_FILE_CHARS = 20_000;

/** Escapes text for HTML element content and attribute values, and defuses `@room`. */
export function escapeHtml(s: string): string {
  return defuseRoomPing(stripControlCharacters(s))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * `@room` in a body notifies the whole room on servers that still apply the legacy push rule (Synapse before
 * intentional mentions, or when m.mentions is ignored). A word joiner after the `@` keeps the text readable
 * and stops the match.
 */
export function defuseRoomPing(s: string): string {
  return s.replace(/@(room)\b/gi, '@\u2060$1');
}

/** Escaped text with line breaks, and `code` spans (the core writes commands that way) as <code>. */
function inline(s: string): string {
  return escapeHtml(s)
    .replace(/`([^`\n]+)`/g, '<code>$1</code>')
    .replace(/\r?\n/g, '<br>');
}

function block(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `<p><strong>${inline(b.text)}</strong></p>`;
    case 'text':
      return b.tone === 'muted' ? `<p><em>${inline(b.text)}</em></p>` : `<p>${inline(b.text)}</p>`;
    case 'quote':
      return `<blockquote><p>“${inline(b.text)}”</p><p>— <em>${inline(formatCitation(b.citation))}</em></p></blockquote>`;
    case 'list': {
      const title = b.title ? `<p><strong>${inline(b.title)}</strong></p>` : '';
      const items = b.items
        .map((i) => `<li>${i.label ? `<strong>${inline(i.label)}</strong> ` : ''}${inline(i.text)}${i.detail ? `<br><em>${inline(i.detail)}</em>` : ''}</li>`)
        .join('');
      return `${title}<ul>${items}</ul>`;
    }
    case 'progress':
      return `<p>${inline(b.label)}: <strong>${b.done}</strong> of ${b.total}</p>`;
    case 'error':
      return `<p><strong>${inline(b.sentence)}</strong>${b.hint ? `<br><em>${inline(b.hint)}</em>` : ''}</p>`;
    case 'file': {
      const { text, cut } = cutFile(b.content);
      return `<p><strong>${inline(b.name)}</strong>${cut ? ' <em>(shortened; the CLI gives the whole file)</em>' : ''}</p><pre><code>${escapeHtml(text)}</code></pre>`;
    }
  }
}

function cutFile(content: string): { text: string; cut: boolean } {
  return content.length > MAX_FILE_CHARS ? { text: content.slice(0, MAX_FILE_CHARS), cut: true } : { text: content, cut: false };
}

/** The plain `body` beside the HTML: the core's plain rendering, with files cut and `@room` defused. */
export function renderBody(r: Reply): string {
  const shortened: Reply = {
    ...r,
    blocks: r.blocks.map((b) => (b.kind === 'file' && b.content.length > MAX_FILE_CHARS ? { ...b, content: cutFile(b.content).text + '\n…' } : b)),
  };
  return defuseRoomPing(renderPlain(shortened));
}

export function renderHtml(r: Reply): string {
  return r.blocks.map(block).join('');
}

export interface RenderOptions {
  /** answer under this event: a thread (rooted at `threadRoot`) with a reply fallback to `inReplyTo` */
  thread?: { root: string; inReplyTo: string };
  /** users this message is meant to notify (the asker); never the whole room */
  mentionUserIds?: string[];
}

/**
 * Message content for a reply: an m.notice (bots answer no notices, so two bots cannot loop), HTML with a
 * plain body, an explicit m.mentions (never `room: true`), and a thread relation whose `is_falling_back` reply
 * makes clients without threads show it as a reply.
 */
export function renderMessage(r: Reply, options: RenderOptions = {}): MatrixMessageContent {
  const content: MatrixMessageContent = {
    msgtype: 'm.notice',
    body: renderBody(r),
    format: 'org.matrix.custom.html',
    formatted_body: renderHtml(r),
    'm.mentions': options.mentionUserIds?.length ? { user_ids: [...new Set(options.mentionUserIds)] } : {},
  };
  if (options.thread) {
    content['m.relates_to'] = {
      rel_type: 'm.thread',
      event_id: options.thread.root,
      is_falling_back: true,
      'm.in_reply_to': { event_id: options.thread.inReplyTo },
    };
  }
  return content;
}

/**
 * A Matrix event may not exceed 65,536 bytes, envelope included (M_TOO_LARGE: nothing is posted at all). A
 * reply whose message would be larger is cut, between blocks where possible, into several messages.
 */
export const MAX_CONTENT_BYTES = 40_000;

export function splitReply(r: Reply, maxBytes = MAX_CONTENT_BYTES): Reply[] {
  const size = (blocks: Block[]) => Buffer.byteLength(JSON.stringify(renderMessage({ ...r, blocks })));
  if (size(r.blocks) <= maxBytes) return [r];
  const pieces = (b: Block): Block[] => {
    if (size([b]) <= maxBytes) return [b];
    if (b.kind === 'list' && b.items.length > 1) {
      const mid = Math.ceil(b.items.length / 2);
      return [...pieces({ ...b, items: b.items.slice(0, mid) }), ...pieces({ kind: 'list', items: b.items.slice(mid) })];
    }
    const [first, second] = halve(b);
    return first && second ? [...pieces(first), ...pieces(second)] : [b];
  };
  const parts: Block[][] = [];
  let current: Block[] = [];
  for (const piece of r.blocks.flatMap(pieces)) {
    if (current.length && size([...current, piece]) > maxBytes) {
      parts.push(current);
      current = [];
    }
    current.push(piece);
  }
  if (current.length) parts.push(current);
  return parts.map((blocks) => ({ ...r, blocks }));
}

/** Two blocks with the block's long text split near the middle, at a space when there is one. */
function halve(b: Block): [Block, Block] | [] {
  const cut = (t: string): [string, string] => {
    const mid = Math.floor(t.length / 2);
    const space = t.lastIndexOf(' ', mid);
    const at = space > mid / 2 ? space : mid;
    return [t.slice(0, at), t.slice(at)];
  };
  switch (b.kind) {
    case 'heading':
    case 'text': {
      const [x, y] = cut(b.text);
      return [{ ...b, text: x }, { ...b, text: y }];
    }
    case 'quote': {
      const [x, y] = cut(b.text);
      return [{ kind: 'text', text: '“' + x }, { ...b, text: y }];
    }
    case 'error': {
      const [x, y] = cut(b.sentence);
      return [{ kind: 'error', sentence: x }, { ...b, sentence: y }];
    }
    case 'file': {
      const [x, y] = cut(b.content);
      return [{ ...b, content: x }, { ...b, content: y }];
    }
    case 'list': {
      const item = b.items[0];
      if (!item) return [];
      const [x, y] = cut(item.text);
      return [{ ...b, items: [{ ...item, text: x, detail: undefined }] }, { kind: 'list', items: [{ text: y, detail: item.detail }] }];
    }
    default:
      return [];
  }
}

