import type { MatrixClient } from 'matrix-js-sdk';
import type { Logger } from 'pino';
import { UserError } from '../../src/kernel/errors.js';

/**
 * Downloads from the homeserver's media repository, streamed (the SDK's own calls buffer whole bodies):
 * authenticated media (`/_matrix/client/v1/media/download`, spec v1.11) where the server offers it, the legacy
 * `/_matrix/media/v3/download` where not (Synapse 1.67 has only that one). Whether the server offers it is
 * learnt once per run, from `/versions`, and corrected by a 404 M_UNRECOGNIZED from a server that says v1.11 but
 * has no such endpoint.
 */
export function matrixMedia(options: { client: () => MatrixClient | undefined; accessToken: string; log: Logger; onStop(wake: () => void): unknown }) {
  let authenticated: boolean | undefined;
  // the adapter's stop cuts downloads under way, so a slow one cannot hold it up
  let stopping = new AbortController();
  options.onStop(() => {
    stopping.abort();
    stopping = new AbortController();
  });

  async function get(c: MatrixClient, mxc: string, useAuthentication: boolean, name: string, signal: AbortSignal): Promise<Response> {
    const url = c.mxcUrlToHttp(mxc, undefined, undefined, undefined, false, true, useAuthentication);
    if (!url) throw new UserError('matrix-media-address', `${name} has no download address I understand.`, 'Share the file again.');
    return fetch(url, { headers: { authorization: `Bearer ${options.accessToken}` }, signal: AbortSignal.any([signal, stopping.signal]) });
  }

  return {
    async open(mxc: string, name: string, signal: AbortSignal): Promise<AsyncIterable<Uint8Array>> {
      const c = options.client();
      if (!c) throw new Error('not connected');
      authenticated ??= await c.isVersionSupported('v1.11').catch(() => false);
      let res = await get(c, mxc, authenticated, name, signal);
      if (authenticated && (res.status === 404 || res.status === 405) && (await errcode(res)) !== 'M_NOT_FOUND') {
        options.log.info({ status: res.status }, 'the homeserver has no authenticated media; using the legacy media path');
        authenticated = false;
        res = await get(c, mxc, false, name, signal);
      }
      if (res.status === 404) {
        await res.body?.cancel().catch(() => undefined);
        throw new UserError('matrix-media-missing', `The homeserver no longer has ${name}.`, 'Share the file again.');
      }
      if (!res.ok || !res.body) {
        await res.body?.cancel().catch(() => undefined);
        throw Object.assign(new Error(`HTTP ${res.status}`), { code: `http-${res.status}` });
      }
      return res.body as unknown as AsyncIterable<Uint8Array>;
    },
  };
}
export type MatrixMedia = ReturnType<typeof matrixMedia>;

async function errcode(res: Response): Promise<string | undefined> {
  const body = (await res.json().catch(() => ({}))) as { errcode?: unknown };
  return typeof body.errcode === 'string' ? body.errcode : undefined;
}
