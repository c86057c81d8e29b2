import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../kernel/clock.js';
import type { LinkStore } from './link-store.js';

export const LINK_TTL_MS = 15 * 60_000;
export const SESSION_TTL_MS = 12 * 3_600_000;

export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');
/** 256 bits from the system's CSPRNG, URL-safe. */
export const newSecret = (): string => randomBytes(32).toString('base64url');
/** A secret's shape: anything else is refused before touching the store. */
export const looksLikeSecret = (s: string | undefined): s is string => !!s && /^[A-Za-z0-9_-]{43}$/.test(s);

export interface PageLinks {
  /** the page's base URL as links show it (resolved when the server knows its port) */
  baseUrl(): string;
  /**
   * A fresh one-time link. `reveal`: whoever opens it sees sensitive askers' names on screen (it was given
   * to a coordinator, privately).
   */
  issue(options: { reveal: boolean }): { url: string; expiresAt: Date };
  /** uses the link up and opens a session; the session secret goes in the cookie */
  exchange(token: string): { ok: true; session: string; reveal: boolean; expiresAt: Date } | { ok: false; reason: 'unknown' | 'used' | 'expired' };
  peek(token: string): 'valid' | 'unknown' | 'used' | 'expired';
  session(secret: string | undefined): { reveal: boolean } | undefined;
}

export function createPageLinks(deps: { store: LinkStore; clock: Clock; baseUrl: () => string }): PageLinks {
  const { store, clock } = deps;
  const now = () => clock.now().getTime();
  return {
    baseUrl: deps.baseUrl,
    issue({ reveal }) {
      const token = newSecret();
      const at = now();
      store.prune(at);
      store.addLink({ hash: hashSecret(token), createdAt: at, expiresAt: at + LINK_TTL_MS, reveal });
      return { url: `${deps.baseUrl()}/l/${token}`, expiresAt: new Date(at + LINK_TTL_MS) };
    },
    exchange(token) {
      if (!looksLikeSecret(token)) return { ok: false, reason: 'unknown' };
      const at = now();
      const used = store.consumeLink(hashSecret(token), at);
      if (!used.ok) return used;
      const session = newSecret();
      store.addSession({ hash: hashSecret(session), createdAt: at, expiresAt: at + SESSION_TTL_MS, reveal: used.reveal });
      return { ok: true, session, reveal: used.reveal, expiresAt: new Date(at + SESSION_TTL_MS) };
    },
    peek(token) {
      return looksLikeSecret(token) ? store.peekLink(hashSecret(token), now()) : 'unknown';
    },
    session(secret) {
      if (!looksLikeSecret(secret)) return undefined;
      const s = store.session(hashSecret(secret), now());
      return s && { reveal: s.reveal };
    },
  };
}

/** The base URL links use: the public one when set, else the address the server listens on. */
export function pageBaseUrl(config: { url?: string; host: string; port: number }, boundPort?: number): string {
  if (config.url) return config.url;
  const host = ['0.0.0.0', '::', ''].includes(config.host) ? '127.0.0.1' : config.host.includes(':') ? `[${config.host}]` : config.host;
  return `http://${host}:${boundPort ?? config.port}`;
}
