import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { formatOf } from '../library/read.js';
import { basename, extname, join } from 'node:path';
import { z } from 'zod';
import { foldAccents } from '../kernel/text.js';
import type { Document, DocumentMeta } from './corpus.js';

const metaSchema = z.object({
  file: z.string(),
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lower-case words joined by hyphens'),
  title: z.string().min(1),
  kind: z.enum(['letter', 'questions', 'statement', 'article', 'report', 'other']).default('other'),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().default(null),
  dateLabel: z.string().optional(),
  author: z.string().optional(),
  recipient: z.string().nullable().optional(),
});
const metadataFile = z.object({ documents: z.array(metaSchema) });
export type MetadataEntry = z.output<typeof metaSchema>;

/** documents.json: the curated metadata of the corpus folder's files, by file name. */
export function readMetadata(metadataPath: string): Map<string, MetadataEntry> {
  const meta = new Map<string, MetadataEntry>();
  if (existsSync(metadataPath)) {
    const parsed = metadataFile.parse(JSON.parse(readFileSync(metadataPath, 'utf8')));
    for (const m of parsed.documents) meta.set(m.file, m);
  }
  return meta;
}

/**
 * Reads every .txt and .md file of the corpus folder, with its metadata from `documents.json` beside the
 * folder (a file without an entry gets an id from its name and a title from its first line).
 */
export function loadDocuments(corpusDir: string, metadataPath: string): Document[] {
  const meta = new Map<string, z.output<typeof metaSchema>>();
  if (existsSync(metadataPath)) {
    const parsed = metadataFile.parse(JSON.parse(readFileSync(metadataPath, 'utf8')));
    for (const m of parsed.documents) meta.set(m.file, m);
  }
  const files = readdirSync(corpusDir)
    .filter((f) => ['.txt', '.md'].includes(extname(f).toLowerCase()) && lstatSync(join(corpusDir, f)).isFile())
    .sort();
  const seen = new Set<string>();
  return files.map((file) => {
    const text = readFileSync(join(corpusDir, file), 'utf8');
    const m = meta.get(file);
    const base: DocumentMeta = m
      ? { ...m, recipient: m.recipient ?? null }
      : { file, id: idFromFileName(file), title: firstLine(text) ?? file, kind: 'other', date: null, recipient: null };
    let id = base.id;
    for (let n = 2; seen.has(id); n++) id = `${base.id}-${n}`;
    seen.add(id);
    return { ...base, id, text };
  });
}

/** A fingerprint of the corpus: file names, sizes, contents and metadata. A saved index is stale when it differs. */
export function corpusFingerprint(corpusDir: string, metadataPath: string): string {
  const h = createHash('sha256');
  if (existsSync(metadataPath)) h.update(readFileSync(metadataPath));
  // the files the library reads: regular files only (a folder named x.md, or a link, is left out)
  for (const f of readdirSync(corpusDir).sort()) {
    if (!formatOf(f) || !lstatSync(join(corpusDir, f)).isFile()) continue;
    h.update(f).update('\0').update(readFileSync(join(corpusDir, f))).update('\0');
  }
  return h.digest('hex');
}

export function idFromFileName(file: string): string {
  const stem = foldAccents(basename(file, extname(file)))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return stem || 'document';
}

export function firstLine(text: string): string | undefined {
  return text
    .split('\n')
    .map((l) => l.replace(/^#+\s*/, '').trim())
    .find((l) => l.length > 0);
}
