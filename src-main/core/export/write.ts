// Writing the export folder: one Markdown file per document, each written whole or not at all.
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { GlossError } from '../errors';
import { fsyncDir, writeFileSynced } from '../store/durable-json';
import type { DocumentMeta, ExportReport, Highlight } from '../model';
import type { Landmarks } from './markdown';
import { markdownFileName } from './filename';
import { renderDocumentMarkdown } from './markdown';

export interface ExportOptions {
  /** files written so far, of how many, and the last one */
  onProgress?(done: number, total: number, current?: string): void;
  /** stop between files: the files already written are complete and stay */
  signal?: AbortSignal;
}

export interface DocumentToExport {
  meta: DocumentMeta;
  highlights: Highlight[];
  /** a PDF's pages and a book's chapters, so each highlight can say where it is ("p. 12") */
  landmarks?: Landmarks;
  /** the document's own note (Markdown), written before its highlights */
  note?: string;
}

const PARALLEL_WRITES = 16;

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function ioError(action: string, err: unknown): GlossError {
  const code = (err as NodeJS.ErrnoException).code;
  const reason =
    code === 'EACCES' || code === 'EPERM'
      ? 'permission denied'
      : code === 'EEXIST' || code === 'ENOTDIR'
        ? 'a file is in the way where a folder should be'
        : code === 'ENOSPC'
          ? 'the disk is full'
          : ((err as Error).message ?? String(err));
  return new GlossError('io', `Could not ${action}: ${reason}`);
}

/**
 * The Gloss id in an existing file's front matter, null when it has none, undefined when there is
 * no such file. Only a file exported for the same document is ever overwritten: an export folder
 * may be an Obsidian vault full of the user's own notes.
 */
async function exportedIdOf(path: string): Promise<string | null | undefined> {
  let head: string;
  try {
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(4096);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      head = buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  } catch (err) {
    // Unreadable (a folder, no permission): certainly not a file we may replace.
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : null;
  }
  if (!head.startsWith('---\n')) return null;
  const end = head.indexOf('\n---', 3);
  const match = /^gloss_id: (".*")$/m.exec(end === -1 ? head : head.slice(0, end));
  if (!match) return null;
  try {
    const id: unknown = JSON.parse(match[1]);
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}

/** Temp file, fsync, rename: a reader (or a crash) never sees half a file. */
async function writeWhole(dir: string, name: string, content: string): Promise<string> {
  const path = join(dir, name);
  const tmp = join(dir, `.${name}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFileSynced(tmp, content, 'wx');
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err instanceof GlossError ? err : ioError(`write ${path}`, err);
  }
  return path;
}

/**
 * Writes one Markdown file per document into `outDir` (created if missing). Documents are named in
 * (title, id) order so the same library gets the same file names every time; the report lists the
 * files in that order.
 */
export async function exportMarkdownFiles(outDir: string, docs: DocumentToExport[], opts: ExportOptions = {}): Promise<ExportReport> {
  if (!isAbsolute(outDir)) {
    throw new GlossError('invalid_input', 'Choose an export folder by its full path, not a relative one.');
  }
  try {
    await mkdir(outDir, { recursive: true });
  } catch (err) {
    throw ioError(`create the folder ${outDir}`, err);
  }
  const sorted = [...docs].sort((a, b) => compare(a.meta.title, b.meta.title) || compare(a.meta.id, b.meta.id));
  // Names are chosen one after another (each depends on the ones before); the files are then written
  // a few at a time, since each waits on its own fsync.
  const taken = new Set<string>();
  const planned: (DocumentToExport & { name: string })[] = [];
  for (const { meta, highlights, landmarks, note } of sorted) {
    let name = markdownFileName(meta.title, meta.id, taken);
    for (;;) {
      const owner = await exportedIdOf(join(outDir, name));
      if (owner === undefined || owner === meta.id) break;
      // Someone else's file (or another document's export): leave it, pick the next name.
      name = markdownFileName(meta.title, meta.id, taken);
    }
    planned.push({ meta, highlights, landmarks, note, name });
  }
  const files: ExportReport['files'] = [];
  for (let i = 0; i < planned.length && !opts.signal?.aborted; i += PARALLEL_WRITES) {
    const written = await Promise.all(
      planned.slice(i, i + PARALLEL_WRITES).map(async ({ meta, highlights, landmarks, note, name }) => ({
        documentId: meta.id,
        path: await writeWhole(outDir, name, renderDocumentMarkdown(meta, highlights, landmarks, note)),
      })),
    );
    files.push(...written);
    opts.onProgress?.(files.length, planned.length, written[written.length - 1]?.path);
  }
  try {
    await fsyncDir(outDir);
  } catch (err) {
    throw ioError(`finish writing ${outDir}`, err);
  }
  return { dir: outDir, files };
}
