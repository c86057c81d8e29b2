import type { ParsedFile } from '../model.js';
export async function readPdf(_name: string, _bytes: Uint8Array): Promise<ParsedFile> {
  throw new Error('todo');
}
