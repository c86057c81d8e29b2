import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The fake homeserver's media repository (fake-homeserver.ts holds one): files put here by a test, served at the
 * authenticated path (`/_matrix/client/v1/media/download/{server}/{id}`, an access token required) and the legacy
 * one (`/_matrix/media/v3/download/…`). Knobs: a server without authenticated media (legacy only, as Synapse 1.67),
 * one that advertises v1.11 but answers M_UNRECOGNIZED there, a download that stalls after its first bytes.
 */

export interface MediaDownload {
  path: 'authenticated' | 'legacy';
  mediaId: string;
  authorization?: string;
  /** the bytes were served */
  served: boolean;
}

interface StoredMedia {
  bytes: Uint8Array;
  contentType: string;
  stall?: boolean;
}

export class FakeMedia {
  readonly downloads: MediaDownload[] = [];
  /** advertise spec v1.11 (authenticated media) in /versions */
  advertiseAuthenticated = true;
  /** answer the authenticated path (false: 404 M_UNRECOGNIZED, as a server that does not have it) */
  serveAuthenticated = true;
  private readonly media = new Map<string, StoredMedia>();
  private seq = 0;

  constructor(
    private readonly serverName: string,
    private readonly tokenValid: (token: string) => boolean,
    private readonly changed: () => void,
  ) {}

  /** Synapse 1.67: no v1.11 in /versions, no authenticated media endpoints. */
  legacyOnly(): void {
    this.advertiseAuthenticated = false;
    this.serveAuthenticated = false;
  }

  /** Stores a file and returns its mxc:// URI. */
  upload(bytes: Uint8Array, options: { contentType?: string; stall?: boolean } = {}): string {
    const id = `media${++this.seq}`;
    this.media.set(id, { bytes, contentType: options.contentType ?? 'application/octet-stream', stall: options.stall });
    return `mxc://${this.serverName}/${id}`;
  }

  /** Serves a media download; false when the request is not for one. */
  serve(req: IncomingMessage, res: ServerResponse, path: string): boolean {
    const m = /^\/_matrix\/(client\/v1\/media|media\/v3)\/download\/([^/]+)\/([^/]+)(?:\/[^/]*)?$/.exec(path);
    if (!m || req.method !== 'GET') return false;
    const kind = m[1] === 'media/v3' ? 'legacy' : 'authenticated';
    const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    const authorization = req.headers.authorization;
    const record = (served: boolean) => {
      this.downloads.push({ path: kind, mediaId: decodeURIComponent(m[3]!), authorization, served });
      this.changed();
    };
    if (kind === 'authenticated') {
      if (!this.serveAuthenticated) return record(false), json(404, { errcode: 'M_UNRECOGNIZED', error: 'Unrecognized request' }), true;
      const token = authorization?.replace(/^Bearer /, '');
      if (!token || !this.tokenValid(token)) return record(false), json(401, { errcode: 'M_MISSING_TOKEN', error: 'Missing access token.' }), true;
    }
    const stored = decodeURIComponent(m[2]!) === this.serverName ? this.media.get(decodeURIComponent(m[3]!)) : undefined;
    if (!stored) return record(false), json(404, { errcode: 'M_NOT_FOUND', error: 'Not found' }), true;
    record(true);
    res.writeHead(200, { 'content-type': stored.contentType });
    if (stored.stall) {
      res.write(Buffer.from(stored.bytes.subarray(0, 16 * 1024)));
      return true; // never ends
    }
    res.end(Buffer.from(stored.bytes));
    return true;
  }
}
