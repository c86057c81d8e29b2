import yauzl from 'yauzl';
import { UserError } from '../../kernel/errors.js';

/** What a .docx may unpack to at most: far beyond any real document, far below what would exhaust memory. */
export const MAX_UNZIPPED_BYTES = 200 * 1024 * 1024;
const MAX_ENTRIES = 5000;

/**
 * Reads a zip archive (a .docx) with yauzl, guarding against zip bombs: the declared sizes are summed first,
 * then every entry is inflated with a running count (yauzl also refuses an entry that inflates past its
 * declared size), so an archive that would unpack to more than the limit is refused before any parser sees
 * it. Returns the entries asked for.
 */
export async function readZipEntries(name: string, bytes: Uint8Array, wanted: string[], limit = MAX_UNZIPPED_BYTES): Promise<Map<string, Buffer>> {
  const corrupt = () => new UserError('bad-docx', `${name} is not a Word file I can read (it is damaged or not really .docx).`, 'Open it in Word or LibreOffice, save it again as .docx and add that copy.');
  const bomb = () => new UserError('zip-bomb', `${name} unpacks to more than ${Math.round(limit / 1024 / 1024)} MB, which no real document does; I did not read it.`, 'If it is a real document, save it again from Word and add that copy.');
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (err, z) => (err || !z ? reject(corrupt()) : resolve(z))),
  );
  if (zip.entryCount > MAX_ENTRIES) {
    zip.close();
    throw bomb();
  }
  const found = new Map<string, Buffer>();
  let total = 0;
  let declared = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', () => reject(corrupt()));
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        if (/\/$/.test(entry.fileName)) return zip.readEntry();
        declared += entry.uncompressedSize;
        if (declared > limit) return reject(bomb());
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(corrupt());
          const keep = wanted.includes(entry.fileName);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => {
            total += chunk.length;
            if (total > limit) {
              stream.destroy();
              return reject(bomb());
            }
            if (keep) chunks.push(chunk);
          });
          stream.on('error', () => reject(corrupt()));
          stream.on('end', () => {
            if (keep) found.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  return found;
}
