import { resolve } from 'node:path';
import { UserRef } from '../kernel/channel.js';
import { z } from 'zod';
import { canonicalTimeZone } from '../kernel/calendar.js';

/**
 * The one validated configuration. `loadConfig(env)` is called once, by main.ts or cli.ts, with the
 * environment object; nothing deeper reads process.env. Every bad or missing setting is reported at once,
 * each by its name, in a ConfigError.
 */

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(blankToUndefined, z.string().trim().optional());
const optionalUrl = z.preprocess(blankToUndefined, z.url({ message: 'must be a URL such as https://example.org' }).optional());
const optionalPort = z.preprocess(
  blankToUndefined,
  z.coerce.number({ message: 'must be a port number' }).int('must be a whole number').min(0, 'must be between 0 and 65535').max(65535, 'must be between 0 and 65535').optional(),
);
const flag = (fallback: boolean) =>
  z.preprocess(
    blankToUndefined,
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { message: 'must be true or false' })
      .optional()
      .transform((v) => (v === undefined ? fallback : ['true', '1', 'yes', 'on'].includes(v))),
  );

const timeZone = z.preprocess(
  blankToUndefined,
  z
    .string()
    .default('UTC')
    .refine((z) => canonicalTimeZone(z) !== undefined, { message: 'must be an IANA time zone such as Europe/Geneva or America/Mexico_City' })
    .transform((z) => canonicalTimeZone(z)!),
);

const platformUser = /^(slack:[A-Z0-9]+|matrix:@[^:\s]+:\S+|console:\S+|cli:\S+)$/;
/** A comma-separated list, each entry checked by `problem` (a sentence naming what is wrong, or undefined). */
const commaList = (problem: (entry: string) => string | undefined = () => undefined) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .default('')
      .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
      .superRefine((entries, ctx) => {
        for (const entry of entries) {
          const message = problem(entry);
          if (message) ctx.addIssue({ code: 'custom', message });
        }
      }),
  );

const coordinators = commaList((id) =>
  platformUser.test(id) ? undefined : `"${id}" is not a platform-qualified user id (slack:U0123ABC or matrix:@alice:example.org)`,
);

const dayList = z.preprocess(
  blankToUndefined,
  z
    .string()
    .default('14,7,3,1,0')
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean).map(Number))
    .refine((days) => days.every((d) => Number.isInteger(d) && d >= 0 && d <= 365), {
      message: 'must be a comma-separated list of whole days before the deadline, such as 14,7,3,1,0',
    }),
);
const clockTime = z.preprocess(
  blankToUndefined,
  z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day such as 09:00').default('09:00'),
);
const weekday = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim().toLowerCase()) : v),
  z
    .enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'off'], {
      message: 'must be a day of the week (monday … sunday) or off',
    })
    .default('monday'),
);
const positiveNumber = (fallback: number, what: string) =>
  z.preprocess(blankToUndefined, z.coerce.number({ message: `must be ${what}` }).positive(`must be ${what}`).default(fallback));

export const configSchema = z.object({
  PLEDGEWATCH_DATA_DIR: z.preprocess(blankToUndefined, z.string().default('./data')),
  DATABASE_URL: optionalString.refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), 'must be a PostgreSQL URL such as postgres://pledgewatch:secret@db.example.org:5432/pledgewatch'),
  PLEDGEWATCH_DB_POOL_SIZE: z.preprocess(blankToUndefined, z.coerce.number({ message: 'must be a whole number of connections' }).int('must be a whole number of connections').min(1, 'must be at least 1').max(100, 'must be at most 100').default(4)),
  PLEDGEWATCH_DB_TIMEOUT_SECONDS: positiveNumber(30, 'a positive number of seconds'),
  PLEDGEWATCH_LEADER_CHECK_SECONDS: positiveNumber(5, 'a positive number of seconds'),
  PLEDGEWATCH_CORPUS_DIR: z.preprocess(blankToUndefined, z.string().default('./index-data/corpus')),
  PLEDGEWATCH_TIMEZONE: timeZone,
  PLEDGEWATCH_COORDINATORS: coordinators,
  PLEDGEWATCH_LOG_LEVEL: z.preprocess(
    blankToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'must be one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
  ),
  PLEDGEWATCH_LOG_CONTENT: flag(false),
  PLEDGEWATCH_MAX_INPUT_CHARS: positiveNumber(4000, 'a positive number of characters'),
  PLEDGEWATCH_MAX_FILE_MB: positiveNumber(25, 'a positive number of megabytes'),
  PLEDGEWATCH_DOWNLOAD_TIMEOUT_SECONDS: positiveNumber(120, 'a positive number of seconds'),
  PLEDGEWATCH_RATE_LIMIT_PER_MINUTE: positiveNumber(20, 'a positive number of questions per minute'),
  PLEDGEWATCH_REMINDER_DAYS: dayList,
  PLEDGEWATCH_REMINDER_TIME: clockTime,
  PLEDGEWATCH_OVERDUE_DIGEST_DAY: weekday,
  PLEDGEWATCH_REMINDER_GRACE_HOURS: positiveNumber(24, 'a positive number of hours'),
  PLEDGEWATCH_HEALTH_PORT: optionalPort,
  PLEDGEWATCH_HEALTH_HOST: z.preprocess(blankToUndefined, z.string().default('127.0.0.1')),
  PLEDGEWATCH_PAGE_URL: optionalUrl.refine((v) => v === undefined || /^https?:\/\//.test(v), 'must be an http:// or https:// URL'),
  PLEDGEWATCH_PAGE_HOST: z.preprocess(blankToUndefined, z.string().default('127.0.0.1')),
  PLEDGEWATCH_PAGE_PORT: z.preprocess(
    (v) => (typeof v === 'string' && ['off', 'false', 'no'].includes(v.trim().toLowerCase()) ? 'off' : blankToUndefined(v)),
    z.union([z.literal('off'), z.coerce.number({ message: 'must be a port number or off' }).int('must be a whole number').min(0, 'must be between 0 and 65535').max(65535, 'must be between 0 and 65535')]).default(8790),
  ),

  SLACK_BOT_TOKEN: optionalString.refine((v) => v === undefined || v.startsWith('xoxb-'), 'must be a bot token starting with xoxb-'),
  SLACK_APP_TOKEN: optionalString.refine((v) => v === undefined || v.startsWith('xapp-'), 'must be an app-level token starting with xapp-'),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_PORT: optionalPort,
  SLACK_HOST: z.preprocess(blankToUndefined, z.string().trim().default('127.0.0.1')),
  SLACK_API_URL: optionalUrl,
  SLACK_COMMAND: z.preprocess(blankToUndefined, z.string().regex(/^\/[a-z0-9_-]+$/, 'must be a slash command such as /pledgewatch').default('/pledgewatch')),
  SLACK_COORDINATOR_GROUP: optionalString,

  MATRIX_HOMESERVER_URL: optionalUrl,
  MATRIX_USER_ID: optionalString.refine((v) => v === undefined || /^@[^:\s]+:\S+$/.test(v), 'must be a Matrix user id such as @pledgewatch:example.org'),
  MATRIX_ACCESS_TOKEN: optionalString,
  MATRIX_PREFIX: z.preprocess(blankToUndefined, z.string().default('!pw')),
  MATRIX_ALLOWED_INVITERS: commaList(),
  MATRIX_POWER_LEVEL_COORDINATORS: flag(false),
  MATRIX_COORDINATION_ROOMS: commaList((id) =>
    /^![^:\s]+:\S+$/.test(id) ? undefined : `"${id}" is not a room id (!abc123:example.org; a room's settings show it, under "Advanced")`,
  ),
  MATRIX_CRYPTO_STORE_KEY: optionalString.refine((v) => v === undefined || storeKeyProblem(v) === undefined, 'must be 32 random bytes, as 64 hex digits or base64 (openssl rand -base64 32)'),
  MATRIX_CROSS_SIGNING_PASSWORD: optionalString,
  MATRIX_CRYPTO_STORE_PASSPHRASE: optionalString.refine((v) => v === undefined || v.length >= 12, 'must be at least 12 characters (or use MATRIX_CRYPTO_STORE_KEY)'),
});

type Raw = z.output<typeof configSchema>;
type Env = Record<string, string | undefined>;

/** Whether any of these settings is given (a bad value counts: it is reported by its own check). */
const present = (env: Env, ...names: string[]) => names.some((n) => (env[n] ?? '').trim() !== '');

export interface SlackConfig {
  botToken: string;
  mode: 'socket' | 'http';
  appToken?: string;
  signingSecret?: string;
  port?: number;
  /** HTTP mode: the address to listen on (loopback unless SLACK_HOST says otherwise, e.g. 0.0.0.0 behind a proxy) */
  host: string;
  apiUrl?: string;
  command: string;
  coordinatorGroup?: string;
}

export interface MatrixConfig {
  homeserverUrl: string;
  userId: string;
  accessToken: string;
  prefix: string;
  /** MATRIX_ALLOWED_INVITERS: user ids and whole servers */
  allowedInviters: string[];
  /** the Matrix users named in PLEDGEWATCH_COORDINATORS: they may invite the bot too */
  coordinatorInviters: string[];
  powerLevelCoordinators: boolean;
  /** the only rooms whose power levels count (MATRIX_COORDINATION_ROOMS); empty: power levels grant nothing */
  coordinationRooms: string[];
  /**
   * End-to-end encryption: on when MATRIX_CRYPTO_STORE_KEY or MATRIX_CRYPTO_STORE_PASSPHRASE is set (the key that
   * seals the crypto store in the database); off, the bot says in encrypted rooms that it cannot read them.
   */
  cryptoStore?: { key?: string; passphrase?: string };
  /** MATRIX_CROSS_SIGNING_PASSWORD: the bot account's password, for setting up cross-signing once (with encryption on) */
  crossSigningPassword?: string;
}

export interface PageConfig {
  host: string;
  /** 0: any free port (links made by the bot process carry the port it got) */
  port: number;
  /** the public base URL (behind a reverse proxy); links use http://host:port when absent */
  url?: string;
}

export interface ReminderPolicyConfig {
  daysBefore: number[];
  time: string;
  overdueDigestDay: Raw['PLEDGEWATCH_OVERDUE_DIGEST_DAY'];
  graceHours: number;
}

/** PostgreSQL instead of SQLite in the data dir (DATABASE_URL). */
export interface DatabaseConfig {
  url: string;
  /** the most connections this process opens */
  poolSize: number;
  /** the longest a statement (and a connection attempt) may take */
  timeoutMs: number;
  /** replicas: how often the Matrix leader checks its lease and the others try to take it */
  leaderCheckMs: number;
}

export interface Config {
  dataDir: string;
  /** absent: SQLite in the data dir */
  database?: DatabaseConfig;
  corpusDir: string;
  /** index-data/, where documents.json, glossary.json and states.json live */
  indexDataDir: string;
  timezone: string;
  coordinators: string[];
  log: { level: Raw['PLEDGEWATCH_LOG_LEVEL']; content: boolean };
  maxInputChars: number;
  /** the largest file the library reads, in bytes */
  maxFileBytes: number;
  /** how long one file shared in Slack or Matrix may take to download, in ms */
  downloadTimeoutMs: number;
  rateLimitPerMinute: number;
  reminders: ReminderPolicyConfig;
  health?: { port: number; host: string };
  /** the ledger page; absent when PLEDGEWATCH_PAGE_PORT is off */
  page?: PageConfig;
  slack?: SlackConfig;
  matrix?: MatrixConfig;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`pledgewatch cannot start: ${problems.length} setting${problems.length === 1 ? ' is' : 's are'} wrong:\n` + problems.map((p) => `  - ${p}`).join('\n'));
    this.name = 'ConfigError';
  }
}

/** Reads the settings from `env` (process.env in production), resolving paths against `cwd`. */
export function loadConfig(env: Record<string, string | undefined>, cwd: string = process.cwd()): Config {
  // Each setting is parsed on its own, so one bad value does not hide the others.
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(configSchema.shape)) {
    const parsed = (schema as z.ZodType).safeParse(env[name]);
    if (parsed.success) values[name] = parsed.data;
    else for (const issue of parsed.error.issues) problems.push(`${name}: ${issue.message}`);
  }
  const raw = values as Raw;
  const slack = slackSection(raw, problems, env);
  const matrix = matrixSection(raw, problems, env);
  const page = pageSection(raw, problems);
  if (problems.length) throw new ConfigError(problems);

  const corpusDir = resolve(cwd, raw.PLEDGEWATCH_CORPUS_DIR);
  return {
    dataDir: resolve(cwd, raw.PLEDGEWATCH_DATA_DIR),
    database: raw.DATABASE_URL ? { url: raw.DATABASE_URL, poolSize: raw.PLEDGEWATCH_DB_POOL_SIZE, timeoutMs: Math.round(raw.PLEDGEWATCH_DB_TIMEOUT_SECONDS * 1000), leaderCheckMs: Math.round(raw.PLEDGEWATCH_LEADER_CHECK_SECONDS * 1000) } : undefined,
    corpusDir,
    indexDataDir: resolve(corpusDir, '..'),
    timezone: raw.PLEDGEWATCH_TIMEZONE,
    coordinators: raw.PLEDGEWATCH_COORDINATORS,
    log: { level: raw.PLEDGEWATCH_LOG_LEVEL, content: raw.PLEDGEWATCH_LOG_CONTENT },
    maxInputChars: raw.PLEDGEWATCH_MAX_INPUT_CHARS,
    maxFileBytes: Math.round(raw.PLEDGEWATCH_MAX_FILE_MB * 1024 * 1024),
    downloadTimeoutMs: Math.round(raw.PLEDGEWATCH_DOWNLOAD_TIMEOUT_SECONDS * 1000),
    rateLimitPerMinute: raw.PLEDGEWATCH_RATE_LIMIT_PER_MINUTE,
    reminders: {
      daysBefore: [...new Set(raw.PLEDGEWATCH_REMINDER_DAYS)].sort((a, b) => b - a),
      time: raw.PLEDGEWATCH_REMINDER_TIME,
      overdueDigestDay: raw.PLEDGEWATCH_OVERDUE_DIGEST_DAY,
      graceHours: raw.PLEDGEWATCH_REMINDER_GRACE_HOURS,
    },
    health: raw.PLEDGEWATCH_HEALTH_PORT === undefined ? undefined : { port: raw.PLEDGEWATCH_HEALTH_PORT, host: raw.PLEDGEWATCH_HEALTH_HOST },
    page,
    slack,
    matrix,
  };
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

function pageSection(raw: Raw, problems: string[]): PageConfig | undefined {
  if (raw.PLEDGEWATCH_PAGE_PORT === 'off') return undefined;
  const url = raw.PLEDGEWATCH_PAGE_URL?.replace(/\/+$/, '');
  // A session cookie over plain http can be read on the way: only a loopback address may do without TLS.
  if (url && new URL(url).protocol === 'http:' && !LOOPBACK.has(new URL(url).hostname)) {
    problems.push('PLEDGEWATCH_PAGE_URL: must be https:// (plain http:// only for 127.0.0.1 or localhost)');
  }
  return { host: raw.PLEDGEWATCH_PAGE_HOST, port: raw.PLEDGEWATCH_PAGE_PORT, url };
}

function slackSection(raw: Raw, problems: string[], env: Env): SlackConfig | undefined {
  const { SLACK_BOT_TOKEN: botToken, SLACK_APP_TOKEN: appToken, SLACK_SIGNING_SECRET: signingSecret, SLACK_PORT: port } = raw;
  if (!present(env, 'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_PORT')) return undefined;
  if (!botToken) {
    if (!(env.SLACK_BOT_TOKEN ?? '').trim()) problems.push('SLACK_BOT_TOKEN: is missing; Slack needs the bot token (xoxb-…) from the app\'s "OAuth & Permissions" page');
    return undefined;
  }
  const common = { botToken, host: raw.SLACK_HOST, apiUrl: raw.SLACK_API_URL, command: raw.SLACK_COMMAND, coordinatorGroup: raw.SLACK_COORDINATOR_GROUP };
  if (appToken) return { ...common, mode: 'socket', appToken };
  if (signingSecret && port !== undefined) return { ...common, mode: 'http', signingSecret, port };
  if (signingSecret) {
    problems.push('SLACK_PORT: is missing; HTTP mode (SLACK_SIGNING_SECRET is set) needs the port to listen on');
  } else if (port !== undefined) {
    problems.push('SLACK_SIGNING_SECRET: is missing; HTTP mode (SLACK_PORT is set) refuses to start without the signing secret');
  } else {
    problems.push(
      'SLACK_APP_TOKEN: is missing; with SLACK_BOT_TOKEN set, Slack needs either SLACK_APP_TOKEN (xapp-…, Socket Mode) or SLACK_SIGNING_SECRET and SLACK_PORT (HTTP mode)',
    );
  }
  return undefined;
}

function matrixSection(raw: Raw, problems: string[], env: Env): MatrixConfig | undefined {
  const { MATRIX_HOMESERVER_URL: homeserverUrl, MATRIX_USER_ID: userId, MATRIX_ACCESS_TOKEN: accessToken } = raw;
  if (!present(env, 'MATRIX_HOMESERVER_URL', 'MATRIX_USER_ID', 'MATRIX_ACCESS_TOKEN')) return undefined;
  const missing = [
    [homeserverUrl, 'MATRIX_HOMESERVER_URL: is missing; set it to the homeserver\'s address, such as https://matrix.example.org'],
    [userId, 'MATRIX_USER_ID: is missing; set it to the bot\'s user id, such as @pledgewatch:example.org'],
    [accessToken, 'MATRIX_ACCESS_TOKEN: is missing; the README shows how to get the bot\'s access token'],
  ].filter(([v], i) => !v && !env[['MATRIX_HOMESERVER_URL', 'MATRIX_USER_ID', 'MATRIX_ACCESS_TOKEN'][i]!]?.trim());
  for (const [, message] of missing) problems.push(message as string);
  if (missing.length || !homeserverUrl || !userId || !accessToken) return undefined;
  return {
    homeserverUrl: homeserverUrl.replace(/\/+$/, ''),
    userId,
    accessToken,
    prefix: raw.MATRIX_PREFIX,
    allowedInviters: raw.MATRIX_ALLOWED_INVITERS,
    coordinatorInviters: raw.PLEDGEWATCH_COORDINATORS.flatMap((id) => UserRef.idOn('matrix', id) ?? []),
    powerLevelCoordinators: raw.MATRIX_POWER_LEVEL_COORDINATORS,
    coordinationRooms: raw.MATRIX_COORDINATION_ROOMS,
    crossSigningPassword: raw.MATRIX_CROSS_SIGNING_PASSWORD,
    cryptoStore: raw.MATRIX_CRYPTO_STORE_KEY || raw.MATRIX_CRYPTO_STORE_PASSPHRASE ? { key: raw.MATRIX_CRYPTO_STORE_KEY, passphrase: raw.MATRIX_CRYPTO_STORE_KEY ? undefined : raw.MATRIX_CRYPTO_STORE_PASSPHRASE } : undefined,
  };
}

/** undefined when `text` is a usable crypto store key (32 bytes as hex or base64) */
function storeKeyProblem(text: string): string | undefined {
  const t = text.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(t) ? 32 : /^[A-Za-z0-9+/]{43}=?$/.test(t) ? Buffer.from(t, 'base64').length : 0;
  return bytes === 32 ? undefined : 'not 32 bytes';
}
