import { MatrixError, type MatrixClient } from 'matrix-js-sdk';

/** A Matrix start-up problem, as a sentence the operator can act on (never the token itself). */
export class MatrixStartError extends Error {
  constructor(
    readonly code: 'bad-url' | 'unreachable' | 'not-a-homeserver' | 'token-rejected' | 'wrong-user' | 'homeserver-error',
    message: string,
  ) {
    super(message);
    this.name = 'MatrixStartError';
  }
}

export function checkHomeserverUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new MatrixStartError('bad-url', `MATRIX_HOMESERVER_URL is not a web address ("https://matrix.example.org" is one).`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new MatrixStartError('bad-url', `MATRIX_HOMESERVER_URL must start with https:// (or http:// for a server on this machine), not ${parsed.protocol}//.`);
  }
  return parsed;
}

/**
 * Before syncing: is the homeserver there, does it speak Matrix, is the token good and is it the bot's own?
 * Each answer is a different sentence, so the operator knows whether to fix the URL, the network or the token.
 */
export async function checkLogin(client: MatrixClient, homeserverUrl: string, expectedUserId: string): Promise<{ deviceId?: string }> {
  const where = new URL(homeserverUrl).origin;
  // Plain fetch rather than the SDK here: the SDK's ConnectionError drops the cause (ECONNREFUSED, ENOTFOUND…).
  let res: Response;
  try {
    res = await fetch(new URL('/_matrix/client/versions', homeserverUrl), { signal: AbortSignal.timeout(15_000) });
  } catch (err) {
    throw new MatrixStartError('unreachable', `The Matrix homeserver at ${where} cannot be reached (${describeCause(err)}). Check MATRIX_HOMESERVER_URL and the network; once started, the bot reconnects on its own.`);
  }
  const versions = (await res.json().catch(() => undefined)) as { versions?: unknown } | undefined;
  if (!res.ok || !Array.isArray(versions?.versions)) {
    throw new MatrixStartError('not-a-homeserver', `${where} answered, but not as a Matrix homeserver (HTTP ${res.status} for /_matrix/client/versions). Check MATRIX_HOMESERVER_URL: it is the client address, often https://matrix.<domain>.`);
  }
  let who: { user_id: string; device_id?: string };
  try {
    who = await client.whoami();
  } catch (err) {
    if (err instanceof MatrixError && (err.errcode === 'M_UNKNOWN_TOKEN' || err.httpStatus === 401)) {
      throw new MatrixStartError('token-rejected', `The homeserver at ${where} rejected MATRIX_ACCESS_TOKEN (${err.errcode ?? 'HTTP 401'}): it was logged out or mistyped. Get a new one (docs/matrix.md, "Access token").`);
    }
    if (err instanceof MatrixError && err.httpStatus === 403) {
      throw new MatrixStartError('token-rejected', `The homeserver at ${where} refused MATRIX_ACCESS_TOKEN (${err.errcode ?? 'HTTP 403'}); the account may be deactivated or locked.`);
    }
    if (err instanceof MatrixError) {
      throw new MatrixStartError('homeserver-error', `The homeserver at ${where} failed to say who MATRIX_ACCESS_TOKEN belongs to (${err.errcode ?? `HTTP ${err.httpStatus}`}). Try again; if it persists, check the homeserver.`);
    }
    throw new MatrixStartError('unreachable', `The Matrix homeserver at ${where} stopped answering while checking the token (${describeCause(err)}).`);
  }
  if (who.user_id !== expectedUserId) {
    throw new MatrixStartError('wrong-user', `MATRIX_ACCESS_TOKEN belongs to ${who.user_id}, not to MATRIX_USER_ID ${expectedUserId}. Use the bot account's own token.`);
  }
  return { deviceId: who.device_id };
}

function describeCause(err: unknown): string {
  const e = err as { name?: string; code?: string; cause?: { code?: string; errors?: Array<{ code?: string }> } };
  const code = e?.code ?? e?.cause?.code ?? e?.cause?.errors?.[0]?.code;
  if (code) return code;
  if (e?.name === 'TimeoutError') return 'no answer within 15 s';
  return e?.name ?? 'no answer';
}
