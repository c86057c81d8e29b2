import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';

/**
 * The import graph of a tree, read with TypeScript's own parser and module resolution (the same rules tsc
 * uses: `./x.js` finds `./x.ts`), so what the layering test judges is what the compiler sees.
 */

export interface ImportEdge {
  /** the importing file, relative to the root, with forward slashes */
  from: string;
  /** the imported file (relative to the root) for our own modules; the package name for others */
  to: string;
  /** the specifier as written */
  specifier: string;
  external: boolean;
}

export interface ImportGraph {
  root: string;
  files: string[];
  edges: ImportEdge[];
}

const options: ts.CompilerOptions = {
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  allowImportingTsExtensions: true,
  resolveJsonModule: true,
  noEmit: true,
};

/** Every .ts file under the given folders of `root` (sorted; declaration files left out). */
export function sourceFiles(root: string, folders: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const path = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules') walk(path);
      } else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(path);
    }
  };
  for (const f of folders) walk(join(root, f));
  return out.map((p) => toPosix(relative(root, p))).sort();
}

const toPosix = (p: string) => p.split(sep).join('/');

/** The package a bare specifier names: '@slack/bolt/dist/x' → '@slack/bolt', 'luxon' → 'luxon', 'node:fs' → 'node:fs'. */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

export function readImportGraph(root: string, folders = ['src', 'adapters']): ImportGraph {
  const files = sourceFiles(root, folders);
  const edges: ImportEdge[] = [];
  for (const file of files) {
    const abs = join(root, file);
    // Static imports, re-exports (`export … from`), `import()` and `import x = require()`; type-only ones too.
    const info = ts.preProcessFile(readFileSync(abs, 'utf8'), true, true);
    for (const ref of info.importedFiles) {
      const specifier = ref.fileName;
      if (!specifier.startsWith('.') && !specifier.startsWith('/')) {
        edges.push({ from: file, to: packageOf(specifier), specifier, external: true });
        continue;
      }
      const resolved = ts.resolveModuleName(specifier, abs, options, ts.sys).resolvedModule;
      if (!resolved) throw new Error(`${file}: cannot resolve '${specifier}'`);
      edges.push({ from: file, to: toPosix(relative(root, resolved.resolvedFileName)), specifier, external: false });
    }
  }
  return { root, files, edges };
}

/** Each cycle once, as a path of files that ends where it starts (Tarjan's strongly connected components). */
export function findCycles(graph: ImportGraph): string[][] {
  const next = new Map<string, string[]>();
  for (const e of graph.edges) if (!e.external) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      const selfLoop = (next.get(v) ?? []).includes(v);
      if (component.length > 1 || selfLoop) components.push(component);
    }
  };
  for (const f of graph.files) if (!idx.has(f)) visit(f);
  // Name one concrete loop per component: a shortest path back to its first file (breadth first).
  return components.map((component) => {
    const inside = new Set(component);
    const start = [...component].sort()[0]!;
    const cameFrom = new Map<string, string>();
    const queue = [start];
    while (queue.length) {
      const v = queue.shift()!;
      for (const w of next.get(v) ?? []) {
        if (!inside.has(w)) continue;
        if (w === start) {
          const path = [start];
          for (let x: string | undefined = v; x && x !== start; x = cameFrom.get(x)) path.splice(1, 0, x);
          return [...path, start];
        }
        if (!cameFrom.has(w)) {
          cameFrom.set(w, v);
          queue.push(w);
        }
      }
    }
    return [start, start];
  });
}
