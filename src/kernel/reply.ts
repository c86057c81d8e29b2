import { stripVTControlCharacters } from 'node:util';

/**
 * The Reply model: what the core says, as data. The core never writes Slack mrkdwn, Matrix HTML or ANSI;
 * each adapter has one renderer, and escaping lives there, once per platform. Every string in a block is
 * plain text (user or document text included); renderers escape all of it.
 */

export interface Citation {
  /** document id */
  doc: string;
  title: string;
  /** YYYY-MM-DD, or null when the document has no exact date */
  date: string | null;
  /** how the date is shown when it is not exact ("March 2017") */
  dateLabel?: string;
  /** where in the document: "§ Journalists ¶ 3", "question 7" */
  where: string;
  /** the UN document symbol, cited in place of the title and date ("A/HRC/59/15 · p. 7 · ¶ 45") */
  symbol?: string;
  /** the page the passage starts on (PDF) */
  page?: number;
}

export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'text'; text: string; tone?: 'plain' | 'muted' }
  | { kind: 'quote'; text: string; citation: Citation; passage?: string }
  | { kind: 'list'; title?: string; items: ListItem[] }
  | { kind: 'progress'; done: number; total: number; label: string }
  | { kind: 'error'; sentence: string; hint?: string }
  | { kind: 'file'; name: string; mimeType: string; content: string };

export interface ListItem {
  /** the item's label, shown strong: "5", "Mexico" */
  label?: string;
  text: string;
  /** a second, muted line */
  detail?: string;
}

export interface Reply {
  blocks: Block[];
  /**
   * 'asker': only the person who asked sees it where the platform allows (Slack ephemeral); elsewhere out of
   * the way (a thread). 'private': only the asker, always (a page link): Slack ephemeral even for a mention,
   * Matrix a direct message; never shareable.
   */
  visibility: 'asker' | 'channel' | 'private';
  /** answer in a thread under the question where the platform has threads */
  thread: boolean;
  /** the asker may share an 'asker' reply in the channel (Slack's "Share in channel" button) */
  shareable?: boolean;
  /** the machine-readable form of the same answer (the CLI prints it with --json) */
  data?: unknown;
}

export const reply = (blocks: Block[], options: Partial<Omit<Reply, 'blocks'>> = {}): Reply => ({
  blocks,
  visibility: options.visibility ?? 'asker',
  thread: options.thread ?? true,
  shareable: options.shareable,
  data: options.data,
});

export const text = (t: string, tone: 'plain' | 'muted' = 'plain'): Block => ({ kind: 'text', text: t, tone });

export function errorReply(sentence: string, hint?: string, data?: unknown): Reply {
  return reply([{ kind: 'error', sentence, hint }], { visibility: 'asker', data: data ?? { error: sentence, hint } });
}

export function formatCitation(c: Citation): string {
  const page = c.page !== undefined ? `p. ${c.page}` : undefined;
  if (c.symbol) return [c.symbol, page, c.where].filter(Boolean).join(' · ');
  const date = c.dateLabel ?? c.date ?? 'undated';
  return [c.title, date, page, c.where].filter(Boolean).join(' · ');
}

/**
 * Plain-text rendering: the console, Slack's `text` fallback, Matrix's `body`. Plain text needs no escaping
 * for a terminal beyond control characters, which are stripped here.
 */
export function renderPlain(r: Reply): string {
  const out: string[] = [];
  for (const b of r.blocks) {
    switch (b.kind) {
      case 'heading':
        out.push(clean(b.text));
        break;
      case 'text':
        out.push(clean(b.text));
        break;
      case 'quote':
        out.push(`> “${clean(b.text)}”\n  — ${clean(formatCitation(b.citation))}`);
        break;
      case 'list': {
        const lines = b.title ? [clean(b.title)] : [];
        for (const item of b.items) {
          lines.push(`  • ${item.label ? clean(item.label) + ' ' : ''}${clean(item.text)}`);
          if (item.detail) lines.push(`    ${clean(item.detail)}`);
        }
        out.push(lines.join('\n'));
        break;
      }
      case 'progress':
        out.push(`${clean(b.label)}: ${b.done} of ${b.total}`);
        break;
      case 'error':
        out.push(clean(b.sentence) + (b.hint ? `\n${clean(b.hint)}` : ''));
        break;
      case 'file':
        // file content too: a note or a document in an export must not drive the terminal it is printed on
        out.push(`[${clean(b.name)}]\n${clean(b.content)}`);
        break;
    }
  }
  return out.join('\n\n');
}

// Control characters (other than newline and tab) could move a terminal's cursor, retitle it, hide text or
// disguise a link (OSC 8). Whole escape sequences go first (Node's own ANSI pattern), so no "[31m" is left to
// read; then every remaining C0/C1 control and bidi override.
// eslint-disable-next-line no-control-regex
const clean = (s: string) => stripVTControlCharacters(s).replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '');
export { clean as stripControlCharacters };
