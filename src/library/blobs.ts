import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the library keeps the original files, by the SHA-256 of their content. A directory now; object storage or PostgreSQL later. */
export interface BlobStore {
  put(bytes: Uint8Array): string;
  get(sha256: string): Uint8Array | undefined;
  has(sha256: string): boolean;
  delete(sha256: string): void;
}

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Files under `dir/ab/abcdef…`, written to a temporary name and renamed, so a reader never sees half a file. */
export function directoryBlobStore(dir: string): BlobStore {
  const pathOf = (hash: string) => {
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error('not a sha256');
    return join(dir, hash.slice(0, 2), hash);
  };
  return {
    put(bytes) {
      const hash = sha256(bytes);
      const file = pathOf(hash);
      if (existsSync(file)) return hash;
      mkdirSync(join(dir, hash.slice(0, 2)), { recursive: true, mode: 0o700 });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, bytes, { mode: 0o600 });
      renameSync(tmp, file);
      return hash;
    },
    get(hash) {
      const file = pathOf(hash);
      return existsSync(file) ? readFileSync(file) : undefined;
    },
    has: (hash) => existsSync(pathOf(hash)),
    delete: (hash) => rmSync(pathOf(hash), { force: true }),
  };
}
