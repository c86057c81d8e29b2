/**
 * Slack message text → the plain text the core expects. Slack sends `&`, `<`, `>` escaped and wraps
 * mentions, channels and links in `<…>`; the core works on what the person typed. (The way back, plain →
 * mrkdwn, is render-blocks.ts's job alone.)
 */
export function slackToPlain(text: string, botUserId?: string): string {
  let out = text;
  if (botUserId) out = out.split(`<@${botUserId}>`).join(' ');
  out = out.replace(/<([^<>]*)>/g, (_m, inner: string) => {
    const bar = inner.indexOf('|');
    const [target, label] = bar < 0 ? [inner, undefined] : [inner.slice(0, bar), inner.slice(bar + 1)];
    if (target.startsWith('@')) return label ? `@${label}` : target;
    if (target.startsWith('#')) return label ? `#${label}` : target;
    if (target.startsWith('!')) {
      // <!here>, <!channel>, <!subteam^S123|@team>, <!date^…|fallback>
      if (label) return label;
      return '@' + target.slice(1).split('^')[0];
    }
    if (target.startsWith('mailto:')) return label ?? target.slice('mailto:'.length);
    return linkToPlain(target, label);
  });
  return out.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
}

/**
 * A link keeps its target: `<https://example.org/report|the report>` becomes "the report
 * (https://example.org/report)", so a note recorded from Slack still leads to the report on every platform
 * (each renderer escapes it as plain text; the URL is shown, never hidden behind its label). A link Slack made
 * from what the person typed (`example.org` → `<http://example.org|example.org>`) stays as typed.
 */
function linkToPlain(target: string, label: string | undefined): string {
  if (!label) return target;
  const bare = (s: string) => s.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/$/, '').toLowerCase();
  return bare(label) === bare(target) ? label : `${label} (${target})`;
}

/** True for ids Slack gives users ("U…", "W…" on Enterprise Grid); anything else is never put into markup. */
export const isSlackUserId = (id: unknown): id is string => typeof id === 'string' && /^[UW][A-Z0-9]{2,}$/.test(id);
/** Channel ids: public C…, private G…, direct D… */
export const isSlackChannelId = (id: unknown): id is string => typeof id === 'string' && /^[CGD][A-Z0-9]{2,}$/.test(id);
