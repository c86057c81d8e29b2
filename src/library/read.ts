import { extname } from 'node:path';
import { UserError } from '../kernel/errors.js';
import type { Format, ParsedFile, ReadLimits } from './model.js';

export type { ReadLimits } from './model.js';
export { blocksToText } from './blocks.js';

const BY_EXTENSION: Record<string, Format> = { '.pdf': 'pdf', '.docx': 'docx', '.html': 'html', '.htm': 'html', '.md': 'md', '.markdown': 'md', '.txt': 'txt' };

/** The format a file name says, or undefined for a type the library does not read. */
export function formatOf(name: string): Format | undefined {
  return BY_EXTENSION[extname(name).toLowerCase()];
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** The sentence for a file of a type the library does not read (also said before a shared file is downloaded). */
export function unreadableType(name: string): UserError {
  const ext = extname(name).toLowerCase() || 'this kind of';
  const hint = ext === '.doc' ? 'Save it as .docx (Word: File › Save As) and add that.' : 'The library reads PDF, Word (.docx), HTML, Markdown and plain-text files.';
  return new UserError('unknown-type', `${name} is not a type I can read (${ext} files).`, hint);
}

/**
 * The sentence for a file over PLEDGEWATCH_MAX_FILE_MB: said before a download when the platform declares the size,
 * and when a download passes the limit (`atLeast`: the true size is unknown, only that it is more).
 */
export function tooLarge(name: string, bytes: number, maxFileBytes: number, atLeast = false): UserError {
  return new UserError('too-large', `${name} is ${atLeast ? 'more than ' : ''}${megabytes(bytes)}; the library takes files up to ${megabytes(maxFileBytes)}.`, 'An operator can raise PLEDGEWATCH_MAX_FILE_MB.');
}

/**
 * Reads a file into text blocks with the reader for its type: pdfjs for PDF, mammoth (and the file's own
 * numbering.xml) for Word, htmlparser2 for HTML, the text itself for Markdown and plain text. A file the
 * library cannot read gives one sentence (a UserError) and nothing else.
 */
export async function readDocumentFile(name: string, bytes: Uint8Array, limits: ReadLimits): Promise<ParsedFile> {
  const format = formatOf(name);
  if (!format) throw unreadableType(name);
  if (bytes.byteLength > limits.maxFileBytes) throw tooLarge(name, bytes.byteLength, limits.maxFileBytes);
  switch (format) {
    case 'pdf':
      return (await import('./extract/pdf.js')).readPdf(name, bytes);
    case 'docx':
      return (await import('./extract/docx.js')).readDocx(name, bytes, limits);
    case 'html':
      return (await import('./extract/html.js')).readHtml(name, decodeText(name, bytes));
    default:
      return readTextFile(name, bytes);
  }
}

/** Markdown and plain text keep their own text (the passage splitter reads their layout). */
export function readTextFile(name: string, bytes: Uint8Array): ParsedFile {
  const format = formatOf(name) === 'md' ? 'md' : 'txt';
  return { format, pages: null, blocks: null, text: decodeText(name, bytes).replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'), stated: {} };
}

/** UTF-8 text (a byte-order mark dropped); a file that is not text is refused. */
export function decodeText(name: string, bytes: Uint8Array): string {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u0008\u000e-\u001f]/.test(text.slice(0, 4096))) throw new Error('binary');
    return text;
  } catch {
    throw new UserError('not-text', `${name} is not UTF-8 text.`, 'Save it as UTF-8 text, or as PDF or Word.');
  }
}
