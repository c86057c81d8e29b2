import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findCycles, readImportGraph, type ImportGraph } from './import-graph.js';
import { layeringViolations } from './layering-rules.js';

/**
 * The layering of ARCHITECTURE.md, enforced: adapters → core → domain rooms → kernel, no platform SDK under
 * src/, a kernel that imports nothing of ours, and no import cycle. The graph is read with TypeScript's own
 * parser and module resolution (type-only imports count: a type is a dependency too).
 */

const repo = fileURLToPath(new URL('../../', import.meta.url));
const planted = fileURLToPath(new URL('./fixtures/planted/', import.meta.url));

/**
 * Known violations, each with the change that removes it. Shrink it; never grow it. An entry that no longer
 * matches anything fails the test, so the list cannot go stale.
 */
const ALLOWED: Record<string, string> = {
};
/** Known cycles, by the loop's files as printed. */
const ALLOWED_CYCLES: Record<string, string> = {
};

function problems(graph: ImportGraph, allowed: Record<string, string> = {}, allowedCycles: Record<string, string> = {}): string[] {
  const violations = layeringViolations(graph);
  const cycles = findCycles(graph).map((c) => c.join(' → '));
  return [
    ...violations.filter((v) => !(v.edge in allowed)).map((v) => v.message),
    ...cycles.filter((c) => !(c in allowedCycles)).map((c) => `import cycle: ${c}`),
    ...Object.keys(allowed)
      .filter((edge) => !violations.some((v) => v.edge === edge))
      .map((edge) => `the allow-list names ${edge}, which is no longer a violation: remove it from ALLOWED`),
    ...Object.keys(allowedCycles)
      .filter((c) => !cycles.includes(c))
      .map((c) => `the allow-list names the cycle ${c}, which no longer exists: remove it from ALLOWED_CYCLES`),
  ];
}

/** Counted without TypeScript: every .ts file, and every relative import specifier a regular expression finds. */
function countedFromTree(root: string) {
  const files = ['src', 'adapters'].flatMap((dir) =>
    (readdirSync(`${root}${dir}`, { recursive: true }) as string[])
      .map((p) => `${dir}/${p.split('\\').join('/')}`)
      .filter((p) => p.endsWith('.ts') && !p.endsWith('.d.ts') && !p.includes('node_modules')),
  );
  let relativeImports = 0;
  for (const f of files) relativeImports += readFileSync(`${root}${f}`, 'utf8').match(/(?:\bfrom\s*|\bimport\s*\(\s*)['"]\.{1,2}\//g)?.length ?? 0;
  return { files: files.sort(), relativeImports };
}

describe('the layering of the house', () => {
  const graph = readImportGraph(repo);

  it('reads the real import graph: every source file, and at least every relative import in their text', () => {
    const counted = countedFromTree(repo);
    const internal = graph.edges.filter((e) => !e.external);
    expect(graph.files).toEqual(counted.files);
    expect(internal.length).toBeGreaterThanOrEqual(counted.relativeImports);
    // Floors from the tree as it was when this test was written (70 files, 216 edges between them), so an
    // empty read can never pass as a clean one.
    expect(graph.files.length).toBeGreaterThanOrEqual(60);
    expect(internal.length).toBeGreaterThanOrEqual(180);
    expect(graph.edges.some((e) => e.from === 'src/main.ts' && e.to === 'src/config/config.ts')).toBe(true);
  });

  it('has no forbidden import and no cycle beyond the allow-list, and no stale allow-list entry', () => {
    const found = problems(graph, ALLOWED, ALLOWED_CYCLES);
    expect(found, `\n${found.join('\n')}\n`).toEqual([]);
  });

  it('catches every violation planted in a fixture tree, naming the import', () => {
    const fixture = readImportGraph(planted);
    const found = problems(fixture);
    console.log(`planted violations, as the test reports them:\n${found.join('\n')}`);
    expect(found).toEqual([
      "src/core/reply.ts imports '../../adapters/chat/render.js' (adapters/chat/render.ts): src/core may not import an adapter; adapters import the core",
      "src/kernel/clock.ts imports '../ledger/state.js' (src/ledger/state.ts): src/kernel imports nothing of ours",
      "src/ledger/state.ts imports '../core/reply.js' (src/core/reply.ts): a domain room (src/ledger) may not import the command layer (src/core)",
      "src/reminders/send.ts imports '@slack/bolt': nothing under src/ may load @slack/bolt; only adapters/ speak to a platform",
      "src/reminders/send.ts imports '../../adapters/chat/render.js' (adapters/chat/render.ts): a domain room (src/reminders) may not import an adapter",
      "src/reminders/send.ts imports 'matrix-js-sdk': nothing under src/ may load matrix-js-sdk; only adapters/ speak to a platform",
      'import cycle: adapters/chat/render.ts → src/core/reply.ts → adapters/chat/render.ts',
      'import cycle: src/kernel/clock.ts → src/ledger/state.ts → src/kernel/clock.ts',
    ]);
  });

  it('keeps the allow-list honest: an entry that matches nothing is reported', () => {
    const found = problems(readImportGraph(planted), { 'src/x.ts → src/y.ts': 'gone' });
    expect(found).toContain('the allow-list names src/x.ts → src/y.ts, which is no longer a violation: remove it from ALLOWED');
  });
});

describe("the README's map of the house", () => {
  it('names every folder and top-level file under src/, and adapters/', () => {
    const readme = readFileSync(`${repo}README.md`, 'utf8');
    const map = readme.slice(readme.indexOf('## How it is built'), readme.indexOf('## Development'));
    const rooms = readdirSync(`${repo}src`, { withFileTypes: true }).map((e) => (e.isDirectory() ? `src/${e.name}/` : `src/${e.name}`));
    const missing = [...rooms, 'adapters/'].filter((room) => !map.includes(room));
    expect(missing, 'add these to the map under "How it is built" in README.md').toEqual([]);
  });
});
