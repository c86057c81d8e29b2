import { readFile, rm } from 'node:fs/promises';
import { UserError } from '../kernel/errors.js';
import { errorReply, reply, type Block, type Reply } from '../kernel/reply.js';
import type { SharedFile } from '../kernel/shared-file.js';
import { downloadToTempFile } from '../library/download.js';
import type { AddResult } from '../library/library.js';
import { formatOf, tooLarge, unreadableType } from '../library/read.js';
import { addedBlock } from './commands/library.js';
import type { CommandContext, Registry } from './registry.js';

/** What a member who shares a file for the library is told (and nothing is downloaded). */
export const COORDINATORS_ONLY = 'Only coordinators can add documents.';

/** The kinds of document `track` reads: after one of these is added, its preview follows. */
const TRACKABLE = new Set(['letter', 'questions']);

/**
 * Files shared in a chat for the library, the same for every platform: the adapter found them and knows how to
 * fetch them; here a member is refused before anything is downloaded, a file of a type the library does not read
 * or over PLEDGEWATCH_MAX_FILE_MB (as the platform declares it) is refused before its download, the rest is
 * streamed to a temporary file under the limit and the timeout, handed to the library, and the temporary file
 * removed. The reply says what the library read, file by file, and shows a letter's `track` preview with how to
 * confirm it.
 */
export async function addSharedFiles(files: SharedFile[], ctx: CommandContext, registry: Registry): Promise<Reply> {
  const { services, actor, incoming } = ctx;
  const log = services.logger.child({ module: 'file-intake' });
  if (!actor.isCoordinator) {
    log.info({ code: 'file-refused-member', platform: incoming.platform, files: files.length }, 'a member shared a file for the library');
    return errorReply(COORDINATORS_ONLY, undefined, { error: COORDINATORS_ONLY, code: 'coordinators-only' });
  }
  const library = services.library;
  const downloads = services.downloads;
  if (!library || !downloads) throw new UserError('no-library', 'This bot has no document library.', 'An operator runs it with a data dir.');
  if (!files.length) throw new UserError('no-file', 'There is no file here to add.', 'Share the file in a message that mentions me, or answer `add` in the thread of the message that has the file.');

  const blocks: Block[] = [];
  const results: AddResult[] = [];
  for (const file of files) {
    const result = await addOne(file);
    results.push(result);
    blocks.push(addedBlock(result, library));
    if (result.doc && result.kind && TRACKABLE.has(result.kind)) blocks.push(...(await trackPreview(result.doc)));
  }
  return reply(blocks, { visibility: 'asker', thread: true, data: results.map(({ hint: _hint, ...r }) => r) });

  async function addOne(file: SharedFile): Promise<AddResult> {
    const refused = (err: UserError): AddResult => {
      log.info({ code: err.code, cause: causeCode(err), platform: incoming.platform }, 'a shared file was not added');
      return { file: file.name, doc: null, title: null, kind: null, format: formatOf(file.name) ?? null, pages: null, passages: 0, error: err.sentence, hint: err.hint };
    };
    // refused before anything is downloaded: a type the library does not read, a declared size over the limit
    if (!formatOf(file.name)) return refused(unreadableType(file.name));
    if (file.size !== undefined && file.size > downloads!.maxFileBytes) return refused(tooLarge(file.name, file.size, downloads!.maxFileBytes));
    let path: string | undefined;
    try {
      const got = await downloadToTempFile(file, downloads!, services.clock.now().getTime());
      path = got.path;
      const result = await library!.add({ name: file.name, bytes: await readFile(got.path) }, actor.id);
      log.info({ code: result.error ? 'file-not-added' : 'file-added', doc: result.doc, bytes: got.bytes, platform: incoming.platform }, 'a shared file was read');
      return result;
    } catch (err) {
      if (err instanceof UserError) return refused(err);
      throw err;
    } finally {
      if (path) await rm(path, { force: true });
    }
  }

  /** The `track` command's own preview of the letter just added, which says how to confirm it. */
  async function trackPreview(doc: string): Promise<Block[]> {
    const track = registry.find('track', incoming.platform);
    if (!track) return [];
    try {
      return (await track.run({ document: doc, confirm: false }, ctx)).blocks;
    } catch (err) {
      if (err instanceof UserError) return [{ kind: 'text', text: `${err.sentence}${err.hint ? ` ${err.hint}` : ''}`, tone: 'muted' }];
      throw err;
    }
  }
}

function causeCode(err: UserError): string | undefined {
  const cause = (err as { cause?: { code?: unknown; name?: unknown } }).cause;
  const code = cause?.code ?? cause?.name;
  return typeof code === 'string' ? code : undefined;
}
