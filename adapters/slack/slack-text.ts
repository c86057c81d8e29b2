/**
 * Slack message text → the plain text the core expects. Slack sends `&`, `<`, `>` escaped and wraps
 * mentions, channels and links in `<…>`; the core works on what the person typed. (The way back, plain →
 * mrkdwn, is render-blocks.ts's job alone.)
 */
export function slackToPlain(text: string, botUserId?: string): string {
  let out = text;
  if (botUserId) out = out.split(`<@${botUserId}>`).join(' ');
  out = out.replace(/<([^<>]*)>/g, (_m, inner: string) => {
    const [target = '', label] = inner.split('|', 2);
    if (target.startsWith('@')) return label ? `@${label}` : target;
    if (target.startsWith('#')) return label ? `#${label}` : target;
    if (target.startsWith('!')) {
      // <!here>, <!channel>, <!subteam^S123|@team>, <!date^…|fallback>
      if (label) return label;
      return '@' + target.slice(1).split('^')[0];
    }
    if (target.startsWith('mailto:')) return label ?? target.slice('mailto:'.length);
    return label ?? target;
  });
  return out.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
}

/** True for ids Slack gives users ("U…", "W…" on Enterprise Grid); anything else is never put into markup. */
export const isSlackUserId = (id: unknown): id is string => typeof id === 'string' && /^[UW][A-Z0-9]{2,}$/.test(id);
/** Channel ids: public C…, private G…, direct D… */
export const isSlackChannelId = (id: unknown): id is string => typeof id === 'string' && /^[CGD][A-Z0-9]{2,}$/.test(id);
