import type { SavedIndexState } from '../corpus/index-check.js';
import { ConfigError, loadConfig, type Config } from '../config/config.js';
import { checkMatrixCryptoStore } from './doctor-matrix-crypto.js';
import { checkPostgres } from './doctor-postgres.js';
import { checkDatabase, checkDataDir, indexFinding } from './doctor-storage.js';
import type { Finding } from './finding.js';

export type { Finding };

export interface DoctorDeps {
  /** fetch, passed in so tests can point it at a local fake */
  fetch: typeof fetch;
  /** the saved search index checked against the documents (corpus/index-check.ts); undefined when it cannot tell */
  checkIndex?: (config: Config) => SavedIndexState | undefined;
  timeoutMs?: number;
}

/**
 * `pledgewatch doctor`: checks what an operator gets wrong (settings, the data dir, the index, the platform
 * credentials) and says, for each problem, how to fix it. It never prints a token.
 */
export async function runDoctor(env: Record<string, string | undefined>, deps: DoctorDeps): Promise<Finding[]> {
  const findings: Finding[] = [];
  let config: Config;
  try {
    config = loadConfig(env);
    findings.push({ ok: true, check: 'settings', message: 'All settings are valid.' });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    for (const p of err.problems) {
      const [name] = p.split(':');
      findings.push({ ok: false, check: 'settings', message: p, fix: `Set ${name} in .env or the service's environment (see .env.example).` });
    }
    return findings;
  }

  findings.push(checkDataDir(config.dataDir));
  const database = config.database ? checkPostgres(config.database) : [checkDatabase(config.dataDir)];
  findings.push(...database);
  try {
    // (a PostgreSQL server that cannot be read has its finding already)
    const index = config.database && database.some((f) => !f.ok) ? undefined : indexFinding(deps.checkIndex?.(config));
    if (index) findings.push(index);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    findings.push({ ok: false, check: 'index', message: `The documents in ${config.corpusDir} could not be read (${code}).`, fix: 'Check PLEDGEWATCH_CORPUS_DIR and that the user running pledgewatch can read it.' });
  }

  if (!config.slack && !config.matrix) {
    findings.push({ ok: true, check: 'platforms', message: 'No Slack or Matrix settings: `npm start` opens the console chat.' });
  }
  if (config.slack) findings.push(await checkSlack(config, deps));
  if (config.matrix) {
    const { finding, deviceId } = await checkMatrix(config, deps);
    findings.push(finding, matrixInviters(config), ...matrixCoordinationRooms(config));
    if (config.matrix.cryptoStore) findings.push(checkMatrixCryptoStore(config, deviceId));
  }
  return findings;
}

async function getJson(deps: DoctorDeps, url: string, init: RequestInit): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await deps.fetch(url, { ...init, signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000) });
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  return { status: res.status, body };
}

async function checkSlack(config: Config, deps: DoctorDeps): Promise<Finding> {
  const slack = config.slack!;
  const base = (slack.apiUrl ?? 'https://slack.com/api/').replace(/\/?$/, '/');
  try {
    const { body } = await getJson(deps, `${base}auth.test`, { method: 'POST', headers: { authorization: `Bearer ${slack.botToken}` } });
    if (body.ok === true) return { ok: true, check: 'slack', message: `Slack accepts the bot token (${slack.mode === 'socket' ? 'Socket Mode' : 'HTTP mode'}).` };
    return {
      ok: false,
      check: 'slack',
      message: `Slack rejected SLACK_BOT_TOKEN (${String(body.error ?? 'no reason given')}).`,
      fix: 'Copy the Bot User OAuth Token (xoxb-…) again from the app\'s "OAuth & Permissions" page, and reinstall the app if it was revoked.',
    };
  } catch {
    return { ok: false, check: 'slack', message: `Slack's Web API (${base}) could not be reached.`, fix: 'Check the network, a proxy, or SLACK_API_URL.' };
  }
}

async function checkMatrix(config: Config, deps: DoctorDeps): Promise<{ finding: Finding; deviceId?: string }> {
  const m = config.matrix!;
  try {
    const { status, body } = await getJson(deps, `${m.homeserverUrl}/_matrix/client/v3/account/whoami`, { headers: { authorization: `Bearer ${m.accessToken}` } });
    if (status === 200 && body.user_id === m.userId) {
      const deviceId = typeof body.device_id === 'string' ? body.device_id : undefined;
      return { finding: { ok: true, check: 'matrix', message: `The homeserver accepts the access token for ${m.userId}${deviceId ? ` (device ${deviceId})` : ''}.` }, deviceId };
    }
    return { finding: whoamiProblem(m, status, body) };
  } catch {
    return { finding: { ok: false, check: 'matrix', message: `The homeserver at ${m.homeserverUrl} could not be reached.`, fix: 'Check MATRIX_HOMESERVER_URL and that the server is up.' } };
  }
}

function whoamiProblem(m: NonNullable<Config['matrix']>, status: number, body: Record<string, unknown>): Finding {
  if (status === 200) {
    return { ok: false, check: 'matrix', message: `MATRIX_ACCESS_TOKEN belongs to ${String(body.user_id)}, not to MATRIX_USER_ID ${m.userId}.`, fix: 'Use the bot account\'s own token, or correct MATRIX_USER_ID.' };
  }
  return {
    ok: false,
    check: 'matrix',
    message: `The homeserver rejected MATRIX_ACCESS_TOKEN (${String(body.errcode ?? status)}).`,
    fix: 'Log the bot in again to get a fresh access token (see docs/matrix.md).',
  };
}

/** Who may bring the bot into a Matrix room (docs/matrix.md, "Who may invite the bot"). */
function matrixInviters(config: Config): Finding {
  const m = config.matrix!;
  const who = [
    ...m.allowedInviters.map((e) => (e.startsWith('@') ? e : `anyone on ${e.replace(/^:/, '')}`)),
    ...m.coordinatorInviters.filter((c) => !m.allowedInviters.includes(c)).map((c) => `${c} (coordinator)`),
  ];
  if (!who.length) {
    return {
      ok: false,
      check: 'matrix invites',
      message: 'Nobody may invite the bot into a Matrix room: MATRIX_ALLOWED_INVITERS is empty and no coordinator is a Matrix user, so it joins no room.',
      fix: 'Name the people who may invite it in MATRIX_ALLOWED_INVITERS, or a coordinator as matrix:@alice:example.org in PLEDGEWATCH_COORDINATORS.',
    };
  }
  return { ok: true, check: 'matrix invites', message: `The bot accepts invites from ${who.join(', ')}; it declines all others.` };
}

function matrixCoordinationRooms(config: Config): Finding[] {
  const m = config.matrix!;
  if (!m.powerLevelCoordinators) return [];
  if (!m.coordinationRooms.length) {
    return [{ ok: false, check: 'matrix power levels', message: 'MATRIX_POWER_LEVEL_COORDINATORS is on, but MATRIX_COORDINATION_ROOMS lists no room, so power levels make no one a coordinator.', fix: 'List the coalition\'s coordination rooms (room ids) in MATRIX_COORDINATION_ROOMS, or turn the flag off.' }];
  }
  return [{ ok: true, check: 'matrix power levels', message: `Power level 50 or more makes a coordinator only in ${m.coordinationRooms.join(', ')}.` }];
}
