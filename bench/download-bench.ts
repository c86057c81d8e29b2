/**
 * Downloads of shared files (src/library/download.ts), from a loopback HTTP server in a child process (its buffers
 * never count here): 24 MB streamed to a temp file under the 25 MB default limit; 200 MB declared as 1 MB, cut off
 * at the limit; 100 MB under a raised limit; and, for comparison, 100 MB buffered whole. Prints the time and how
 * much this process's memory grew while each ran. Streamed, ArrayBuffers stay at some 32 MB however large the file
 * (passed chunks are garbage V8 collects once that much external memory piles up); buffered whole, they grow with
 * the file. `node --expose-gc --import tsx bench/download-bench.ts`
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadToTempFile } from '../src/library/download.js';

const MB = 1024 * 1024;
// The server runs in a child process, so its buffers never count in this process's memory.
const serverScript = `
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  const server = require('node:http').createServer((req, res) => {
    const total = Number(new URL(req.url, 'http://x').searchParams.get('bytes'));
    res.writeHead(200, { 'content-type': 'application/pdf' });
    let sent = 0;
    const pump = () => {
      while (sent < total) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    res.on('close', () => (sent = total));
    pump();
  });
  server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
`;
const child = spawn(process.execPath, ['-e', serverScript], { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise<string>((resolve) => child.stdout.once('data', (d) => resolve(String(d).trim())));
const base = `http://127.0.0.1:${port}`;
const dir = mkdtempSync(join(tmpdir(), 'pw-download-bench-'));
async function run(label: string, bytes: number, declared: number, maxFileBytes = 25 * MB, whole = false) {
  const limits = { dir, maxFileBytes, timeoutMs: 120_000 };
  globalThis.gc?.();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakBuffers = before.arrayBuffers;
  const sample = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakBuffers = Math.max(peakBuffers, m.arrayBuffers);
  }, 5);
  const started = performance.now();
  let outcome: string;
  try {
    if (whole) {
      const buffer = await (await fetch(`${base}/?bytes=${bytes}`)).arrayBuffer();
      throw new Error(`(for comparison) ${(buffer.byteLength / MB).toFixed(1)} MB held in memory`);
    }
    const got = await downloadToTempFile({ name: 'bench.pdf', size: declared, open: async (signal) => (await fetch(`${base}/?bytes=${bytes}`, { signal })).body as unknown as AsyncIterable<Uint8Array> }, limits, Date.now());
    outcome = `${(got.bytes / MB).toFixed(1)} MB written`;
    rmSync(got.path);
  } catch (err) {
    outcome = (err as { sentence?: string }).sentence ? `refused: ${(err as { sentence?: string }).sentence}` : (err as Error).message;
  }
  clearInterval(sample);
  const ms = performance.now() - started;
  console.log(`${label}: ${ms.toFixed(0)} ms; RSS grew by at most ${((peakRss - before.rss) / MB).toFixed(1)} MB, ArrayBuffers by at most ${((peakBuffers - before.arrayBuffers) / MB).toFixed(1)} MB; ${outcome}`);
}

await run('24 MB file, streamed to disk', 24 * MB, 24 * MB);
await run('200 MB file declared as 1 MB, cut off at 25 MB', 200 * MB, 1 * MB);
await run('100 MB file, streamed to disk (limit raised to 150 MB)', 100 * MB, 100 * MB, 150 * MB);
await run('100 MB file, buffered whole with arrayBuffer() (what the intake does not do)', 100 * MB, 100 * MB, 150 * MB, true);
child.kill();
rmSync(dir, { recursive: true, force: true });
