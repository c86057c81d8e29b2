import { execFile, spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.js';

/**
 * A real Synapse 1.67 on 127.0.0.1, from the shared kit in ../shared/real-matrix (its README says how it is
 * built): each start gets its own work dir and free port, an empty database, and is stopped by the PID the kit
 * recorded. Users beyond the kit's three (bot, alice, mia) are registered through Synapse's shared-secret admin
 * API. Tests that use it skip, with the reason printed, when Synapse's Python packages are missing, and fail
 * instead when CI=true.
 */

const run = promisify(execFile);
export const REAL_MATRIX_DIR = process.env.PLEDGEWATCH_REAL_MATRIX_DIR ?? resolve(import.meta.dirname, '../../../shared/real-matrix');

export interface MatrixUser {
  userId: string;
  token: string;
}

export interface RealSynapse {
  url: string;
  bot: MatrixUser;
  alice: MatrixUser;
  mia: MatrixUser;
  /** registers `@<name>:localhost` and returns its access token */
  register(name: string): Promise<MatrixUser>;
  /** a client-server API call as `user` (path after /_matrix/client/v3); throws on an error status */
  api<T = Record<string, unknown>>(user: MatrixUser, method: string, path: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

/** Why a real Synapse cannot run here, or undefined when it can. */
export function synapseUnavailable(): string | undefined {
  if (!existsSync(join(REAL_MATRIX_DIR, 'start.sh'))) return `the Synapse kit is not at ${REAL_MATRIX_DIR} (set PLEDGEWATCH_REAL_MATRIX_DIR)`;
  if (!existsSync('/usr/bin/python3')) return 'Synapse needs Debian’s /usr/bin/python3';
  const probe = spawnSync('/usr/bin/python3', ['-c', 'import twisted, treq, signedjson, nacl, pymacaroons, matrix_common, ijson, pydantic, PIL'], { encoding: 'utf8' });
  if (probe.status !== 0) return `Synapse's Python packages are missing (run ${join(REAL_MATRIX_DIR, 'install-deps.sh')} as root)`;
  return undefined;
}

export async function startRealSynapse(options: { relaxRateLimits?: boolean; syncCache?: string } = {}): Promise<RealSynapse> {
  const work = mkdtempSync(join(tmpdir(), 'pw-synapse-'));
  const port = await freePort();
  const env = {
    ...process.env,
    SYNAPSE_WORK: work,
    SYNAPSE_PORT: String(port),
    RESET: '1',
    ...(options.relaxRateLimits ? { RELAX_RATELIMITS: '1' } : {}),
    ...(options.syncCache !== undefined ? { SYNC_CACHE: options.syncCache } : {}),
  };
  const stop = async () => {
    await run(join(REAL_MATRIX_DIR, 'stop.sh'), [], { env, timeout: 30_000 }).catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  };
  let out: string;
  try {
    ({ stdout: out } = await run(join(REAL_MATRIX_DIR, 'start.sh'), [], { env, timeout: 120_000 }));
  } catch (err) {
    await stop();
    throw new Error(`Synapse did not start: ${(err as { stderr?: string }).stderr?.slice(-2000) ?? String(err)}`);
  }
  const vars = Object.fromEntries(out.split('\n').map((l) => /^([A-Z_]+)=(.*)$/.exec(l.trim())).filter((m) => m !== null).map((m) => [m[1], m[2]]));
  const url = vars.HS_URL ?? `http://127.0.0.1:${port}`;
  const secret = /^registration_shared_secret:\s*"?([^"\n]+)"?/m.exec(readFileSync(join(work, 'data', 'homeserver.yaml'), 'utf8'))?.[1];
  const user = (id: string | undefined, token: string | undefined): MatrixUser => ({ userId: id!, token: token! });

  async function api<T>(who: MatrixUser, method: string, path: string, body?: unknown): Promise<T> {
    // Synapse rate-limits joins and registrations even with relaxed message limits: a 429 is waited out as it asks
    // (a bounded number of times), the way a real client does.
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(`${url}/_matrix/client/v3${path}`, {
        method,
        headers: { authorization: `Bearer ${who.token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = (await res.json().catch(() => ({}))) as T & { retry_after_ms?: number };
      if (res.status === 429 && attempt < 20) {
        await new Promise((resolve) => setTimeout(resolve, Math.min(Math.max(json.retry_after_ms ?? 1000, 100), 10_000)));
        continue;
      }
      if (!res.ok) throw new Error(`${method} ${path.split('?')[0]}: HTTP ${res.status} ${JSON.stringify(json)}`);
      return json;
    }
  }

  return {
    url,
    bot: user(vars.BOT_USER, vars.BOT_TOKEN),
    alice: user(vars.ALICE_USER, vars.ALICE_TOKEN),
    mia: user(vars.MIA_USER, vars.MIA_TOKEN),
    api,
    async register(name) {
      if (!secret) throw new Error('no registration_shared_secret in the Synapse config');
      const endpoint = `${url}/_synapse/admin/v1/register`;
      const { nonce } = (await (await fetch(endpoint)).json()) as { nonce: string };
      const password = `pw-${name}-password`;
      const mac = createHmac('sha1', secret).update(`${nonce}\0${name}\0${password}\0notadmin`).digest('hex');
      const res = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ nonce, username: name, password, admin: false, mac }) });
      const body = (await res.json()) as { user_id?: string; access_token?: string };
      if (!res.ok || !body.access_token) throw new Error(`registering ${name}: HTTP ${res.status}`);
      return { userId: body.user_id!, token: body.access_token };
    },
    stop,
  };
}
