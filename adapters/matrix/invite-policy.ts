/**
 * Who may bring the bot into a room (MATRIX_ALLOWED_INVITERS): user ids (`@alice:example.org`) or whole
 * servers (`:example.org`, or `example.org`). An empty list allows nobody: a bot for people at risk does not
 * join rooms strangers invite it to.
 */
export function isAllowedInviter(inviter: string | undefined, allowed: string[]): boolean {
  if (!inviter || !/^@[^:\s]+:\S+$/.test(inviter)) return false;
  const server = inviter.slice(inviter.indexOf(':') + 1).toLowerCase();
  return allowed.some((entry) => {
    const e = entry.trim();
    if (e.startsWith('@')) return e === inviter;
    return e.replace(/^:/, '').toLowerCase() === server;
  });
}
