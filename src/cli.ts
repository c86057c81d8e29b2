import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { openApp } from './app.js';
import { noWords, parseArguments } from './core/command-line.js';
import { doctorReply } from './core/commands/operator.js';
import type { Incoming } from './core/incoming.js';
import { UserRef } from './kernel/channel.js';
import { UserError } from './kernel/errors.js';
import { errorReply, renderPlain, stripControlCharacters, type Reply } from './kernel/reply.js';
import { writeFile } from 'node:fs/promises';
import { runDoctor } from './ops/doctor.js';
import { checkSavedIndex } from './corpus/index-check.js';
import { ConfigError, loadConfig } from './config/config.js';
import { migrateToPostgres } from './ops/migrate-to-postgres.js';
import { defaultPgOptions } from './storage/pg/session.js';

export interface CliIo {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable;
  stderr: Writable;
}

interface CliOptions {
  json: boolean;
  /** --output <file>: where a command's file (export) is written, instead of stdout */
  output?: string;
  as: string;
  channel: string;
  words: string[];
}

/** Splits the CLI's own options (--json, --as, --channel) from the command's words. */
export function parseCliArgs(argv: string[]): CliOptions {
  const words: string[] = [];
  let json = false;
  let as = 'operator';
  let channel = 'cli';
  let output: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') json = true;
    else if (a === '--as' && i + 1 < argv.length) as = argv[++i]!;
    else if (a.startsWith('--as=')) as = a.slice(5);
    else if (a === '--channel' && i + 1 < argv.length) channel = argv[++i]!;
    else if (a.startsWith('--channel=')) channel = a.slice(10);
    else if (a === '--output' && i + 1 < argv.length) output = argv[++i]!;
    else if (a.startsWith('--output=')) output = a.slice(9);
    else words.push(a);
  }
  return { json, as, channel, words, ...(output ? { output } : {}) };
}

/** The shell already split the words: quote the ones with spaces so the command parser sees them whole. */
const joinWords = (words: string[]) => words.map((w) => (/\s/.test(w) && !w.includes('"') ? `"${w}"` : w)).join(' ');

const isError = (r: Reply) => r.blocks.some((b) => b.kind === 'error');

/**
 * `pledgewatch <command> …`: every chat command, for operators and scripts, through the same registry.
 * The CLI acts as a coordinator (it is the operator's tool); --as names who is acting, for the audit log.
 */
export async function runCli(argv: string[], env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  const options = parseCliArgs(argv);
  if (options.words[0]?.toLowerCase() === 'doctor') {
    try {
      noWords(parseArguments('doctor', joinWords(options.words.slice(1)), {})); // extra words are refused, never ignored
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      const refused = errorReply(err.sentence, err.hint, { error: err.sentence, code: err.code, hint: err.hint });
      if (options.json) io.stdout.write(JSON.stringify(refused.data) + '\n');
      io.stderr.write(renderPlain(refused) + '\n');
      return 1;
    }
    // doctor must work exactly when the app cannot be built (bad settings, an unwritable data dir).
    const r = doctorReply(await runDoctor(env, { fetch: globalThis.fetch, checkIndex: checkSavedIndex }));
    io.stdout.write((options.json ? JSON.stringify(r.data) : renderPlain(r)) + '\n');
    return isError(r) ? 1 : 0;
  }
  if (options.words[0]?.toLowerCase() === 'migrate-to-postgres') return migrateCommand(options, env, io);
  const opened = openApp(env, { stderr: io.stderr, logLevel: (config) => (config.log.level === 'info' ? 'warn' : config.log.level) });
  if ('exitCode' in opened) return opened.exitCode;
  const { app } = opened;
  try {
    const incoming = (text: string): Incoming => ({
      platform: 'cli',
      channel: options.channel,
      user: options.as.includes(':') ? options.as : UserRef.format('cli', options.as),
      text,
      isDirect: true,
      // The CLI is the operator's tool: it acts as a coordinator.
      trusted: true,
    });
    const print = (r: Reply) => {
      const file = r.blocks.find((b) => b.kind === 'file');
      if (file && !options.json && !isError(r)) {
        // A file (export) is the bare file on stdout, so `> ledger.csv` opens cleanly; nothing around it.
        // Without control characters (stdout may be a terminal a hostile note could drive); --output writes it exactly.
        io.stdout.write(stripControlCharacters(file.content));
        return;
      }
      if (options.json) {
        io.stdout.write(JSON.stringify(r.data ?? null) + '\n');
        if (isError(r)) io.stderr.write(renderPlain(r) + '\n');
      } else {
        (isError(r) ? io.stderr : io.stdout).write(renderPlain(r) + '\n');
      }
    };

    await app.ready; // the corpus folder's PDF, Word and HTML files
    const first = options.words[0]?.toLowerCase();
    const command = first ? app.core.registry.find(first, 'cli') : undefined;
    if (command?.name === 'add' && options.words.length > 2) {
      // one file at a time: one JSON object per file on its own line, each file added or refused on its own
      let failed = false;
      for (const file of options.words.slice(1)) {
        const r = await app.core.handle(incoming(joinWords([options.words[0]!, file])));
        failed ||= isError(r);
        print(r);
      }
      return failed ? 1 : 0;
    }
    if (command?.name === 'ask' && options.words.length === 1 && !io.stdin.isTTY) {
      // One question per line on stdin, one answer per line on stdout, the index loaded once.
      let failed = false;
      for await (const line of createInterface({ input: io.stdin, crlfDelay: Infinity })) {
        if (!line.trim()) continue;
        const r = await app.core.handle(incoming(`ask ${line}`));
        failed ||= isError(r);
        print(r);
      }
      return failed ? 1 : 0;
    }
    const r = await app.core.handle(incoming(joinWords(options.words)));
    if (options.output !== undefined) return writeOutput(r, options.output, io, options.json);
    print(r);
    return isError(r) ? 1 : 0;
  } finally {
    app.close();
  }
}

/** `export … --output <file>`: the command's file, exactly, in that file (never over an existing one); one line on stderr. */
async function writeOutput(r: Reply, path: string, io: CliIo, json: boolean): Promise<number> {
  const file = r.blocks.find((b) => b.kind === 'file');
  if (isError(r) || !file) {
    io.stderr.write((isError(r) ? renderPlain(r) : 'That command makes no file, so --output has nothing to write.') + '\n');
    return 1;
  }
  try {
    await writeFile(path, file.content, { flag: 'wx' });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    io.stderr.write(code === 'EEXIST' ? `There is already a file at ${path}; choose a new name (an export never overwrites anything).\n` : `Could not write ${path} (${code ?? 'error'}).\n`);
    return 1;
  }
  if (json) io.stdout.write(JSON.stringify(r.data ?? null) + '\n');
  io.stderr.write(`Wrote ${file.name} to ${path}.\n`);
  return 0;
}

/**
 * `pledgewatch migrate-to-postgres [<url>]`: this installation's data dir (SQLite and library files) into an
 * empty PostgreSQL database (the URL, or DATABASE_URL). Prints each table's counts; --json prints the report.
 */
async function migrateCommand(options: CliOptions, env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  const fail = (err: UserError) => {
    const r = errorReply(err.sentence, err.hint, { error: err.sentence, code: err.code, hint: err.hint });
    if (options.json) io.stdout.write(JSON.stringify(r.data) + '\n');
    io.stderr.write(renderPlain(r) + '\n');
    return 1;
  };
  const url = options.words[1] ?? env.DATABASE_URL;
  if (options.words.length > 2) return fail(new UserError('extra-words', 'Name one PostgreSQL URL to copy into.', 'npx pledgewatch migrate-to-postgres postgres://user:password@host:5432/database'));
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    return fail(new UserError('no-url', 'Name the empty PostgreSQL database to copy into, as a postgres:// URL.', 'npx pledgewatch migrate-to-postgres postgres://user:password@host:5432/database (or set DATABASE_URL)'));
  }
  let dataDir: string;
  try {
    dataDir = loadConfig({ ...env, DATABASE_URL: undefined }).dataDir;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.stderr.write(err.message + '\n');
    return 2;
  }
  try {
    const report = migrateToPostgres({
      dataDir,
      pg: { ...defaultPgOptions(url), poolMax: 1, applicationName: 'pledgewatch migrate-to-postgres' },
      onTable: options.json ? undefined : (t) => io.stdout.write(`  ${t.table}: ${t.sqlite} rows copied, ${t.postgres} in PostgreSQL\n`),
    });
    if (options.json) io.stdout.write(JSON.stringify(report) + '\n');
    else {
      io.stdout.write(`  library files: ${report.files.sqlite} copied, ${report.files.postgres} in PostgreSQL\n`);
      io.stdout.write(`Copied ${report.tables.length} tables and ${report.files.postgres} files into ${report.target}; every count matches.\n`);
      io.stdout.write('Set DATABASE_URL to that URL and start the bot: it continues where this installation left off.\n');
    }
    return 0;
  } catch (err) {
    if (err instanceof UserError) return fail(err);
    const code = (err as { code?: string }).code;
    return fail(new UserError('migrate-failed', `The copy failed${code ? ` (${code})` : ''}: ${(err as Error).message.slice(0, 200)}. The PostgreSQL database was left as it was.`, 'Fix the cause and run the command again.'));
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runCli(process.argv.slice(2), process.env, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`pledgewatch: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
