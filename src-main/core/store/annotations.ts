// Highlights, the reading position and the document's own note, one lowdb file per document: a
// highlight write rewrites only its document's file, so the cost of a write does not grow with the
// library.
//
// The note (data version 5) is the file's top-level `note`, a Markdown string. The file codec
// (files.ts) keeps top-level fields it does not model in `extra` and writes them back as they were,
// so the note is read from and written to there; a `note` that is not a string (a newer Gloss's) is
// shown as no note and left alone until the user writes one.
import { statSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { Low } from 'lowdb';
import { GlossError } from '../errors';
import type { Highlight, ReadingPosition } from '../model';
import { DurableJsonFile, type Report } from './durable-json';
import { annotationCodec, emptyAnnotations, SCHEMA_VERSION, type AnnotationFile, type DataPaths } from './files';

/** A folder changed longer ago than this is told apart from any later change by its time (folderStamp). */
const SETTLED_MS = 2000;

export class AnnotationStore {
  private readonly files = new Map<string, Low<AnnotationFile>>();
  private readonly listeners = new Set<(documentId: string) => void>();

  constructor(
    private readonly paths: DataPaths,
    private readonly readOnly: boolean,
    private readonly report: Report,
    /**
     * read each document's file when it is first asked for, not all at open (a read-only one-shot
     * command that looks at a few documents of thousands)
     */
    private readonly lazy = false,
  ) {}

  /** Read every annotation file of a known document (documents without highlights have none). */
  async loadAll(documentIds: Set<string>): Promise<void> {
    if (this.lazy) return;
    const names = await readdir(this.paths.annotationsDir).catch(() => [] as string[]);
    const ids = names
      .filter((n) => extname(n) === '.json')
      .map((n) => basename(n, '.json'))
      .filter((id) => documentIds.has(id));
    // Many small files: read a few dozen at a time rather than one after another.
    for (let i = 0; i < ids.length; i += 32) {
      await Promise.all(
        ids.slice(i, i + 32).map(async (id) => {
          const file = this.newFile(id);
          await file.read();
          this.files.set(id, file);
        }),
      );
    }
  }

  /** Calls `listener` with the document's id whenever its highlights or note change (or go); returns how to stop. */
  onChange(listener: (documentId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(documentId: string): void {
    for (const listener of this.listeners) listener(documentId);
  }

  /** A document's file as read (read now, when lazy and not read yet). */
  private loaded(documentId: string): Low<AnnotationFile> | undefined {
    let file = this.files.get(documentId);
    if (!file && this.lazy) {
      file = this.newFile(documentId);
      file.data = (file.adapter as DurableJsonFile<AnnotationFile>).readSyncReadOnly() ?? file.data;
      this.files.set(documentId, file);
    }
    return file;
  }

  of(documentId: string): Highlight[] {
    return this.loaded(documentId)?.data.highlights ?? [];
  }

  positionOf(documentId: string): ReadingPosition | undefined {
    return this.loaded(documentId)?.data.readingPosition;
  }

  /** The document's own note ('' when it has none). */
  noteOf(documentId: string): string {
    const note = this.loaded(documentId)?.data.extra.note;
    return typeof note === 'string' ? note : '';
  }

  /**
   * A fingerprint of a document's file on disk (its size, when it was written, which file it is), without
   * reading it; undefined when it has none. What search compares to know whose highlights changed.
   */
  fileStamp(documentId: string): string | undefined {
    const info = statSync(this.paths.annotations(documentId), { throwIfNoEntry: false });
    // every write replaces the file (a new inode), so two writes of the same size in one millisecond differ too
    return info ? `${info.size}:${info.mtimeMs}:${info.ino}` : undefined;
  }

  /**
   * A fingerprint of the annotations folder: every write replaces a file there (a rename), which
   * changes it. '' when there is no folder (nothing is stored); undefined when it changed within the
   * last few seconds, too lately to be told from a write still to come where times are coarse (FAT
   * keeps them to 2 s).
   */
  folderStamp(): string | undefined {
    const info = statSync(this.paths.annotationsDir, { bigint: true, throwIfNoEntry: false });
    if (!info) return '';
    if (Date.now() - Number(info.mtimeMs) < SETTLED_MS) return undefined;
    return `${info.mtimeNs}:${info.ctimeNs}:${info.ino}`;
  }

  /** Set (or, with '', clear) the document's note: one write of its own file, like a highlight's. */
  async setNote(documentId: string, note: string): Promise<void> {
    await this.change(documentId, (file) => {
      const { note: _old, ...extra } = file.extra;
      return { extra: note === '' ? extra : { ...extra, note } };
    });
  }

  /** Change one document's file and write it; memory is restored if the write fails. */
  async change(documentId: string, next: (file: AnnotationFile) => Partial<AnnotationFile>): Promise<void> {
    let file = this.loaded(documentId);
    if (!file) {
      file = this.newFile(documentId);
      this.files.set(documentId, file);
    }
    const before = file.data;
    const after = { ...before, ...next(before), schema: SCHEMA_VERSION };
    file.data = after;
    try {
      await file.write();
    } catch (error) {
      // Put memory back unless a later change already replaced it (its own write decides then).
      if (file.data === after) file.data = before;
      throw new GlossError('io', `Could not save the change: ${(error as Error).message}`);
    } finally {
      this.changed(documentId);
    }
  }

  async remove(documentId: string): Promise<void> {
    this.files.delete(documentId);
    this.changed(documentId);
    const path = this.paths.annotations(documentId);
    await rm(path, { force: true });
    await rm(`${path}.bak`, { force: true });
  }

  private newFile(documentId: string): Low<AnnotationFile> {
    const adapter = new DurableJsonFile(this.paths.annotations(documentId), annotationCodec, this.report, this.readOnly);
    return new Low<AnnotationFile>(adapter, emptyAnnotations(SCHEMA_VERSION, documentId));
  }
}
