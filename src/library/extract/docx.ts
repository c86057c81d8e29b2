import type { ParsedFile } from '../model.js';
import type { ReadLimits } from '../read.js';
export async function readDocx(_name: string, _bytes: Uint8Array, _limits: ReadLimits): Promise<ParsedFile> {
  throw new Error('todo');
}
