// The library: one data folder and the services over it (documents, highlights, tags, the Trash,
// search, export, jobs, welcome, and the history that undoes and redoes their changes). Every host
// reaches it through the handler table; paths come in as arguments.
// Opening is where the data folder is made safe: older data is migrated, newer data opened read-only,
// damage repaired from backups or recovered from the document folders, strays of killed writes removed.
import { open, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Low } from 'lowdb';
import type { DocumentMeta } from './model';
import { defaultResourcesDir } from './paths';
import { AnnotationStore } from './store/annotations';
import { ParserPool } from './formats/worker/pool';
import { cleanUp, unnamedDocumentFolders } from './store/cleanup';
import { ContentStore } from './store/content';
import { DurableJsonFile } from './store/durable-json';
import { dataPaths, emptyLibrary, libraryCodec, SCHEMA_VERSION, type DataPaths, type LibraryFile } from './store/files';
import { DataFolderLock } from './store/lock';
import { migrateFolder, versionOf } from './store/migrations';
import { recoverDocument, recoverFromPacks } from './store/recover';
import type { LibraryContext } from './services/context';
import { DocumentService } from './services/documents';
import { ExportService } from './services/export';
import { HighlightService } from './services/highlights';
import { CommandHistory } from './services/history';
import { LibraryJobs } from './services/jobs';
import { SearchService } from './services/search';
import { SettingsService } from './services/settings';
import { TagService } from './services/tags';
import { TrashService } from './services/trash';
import { WelcomeService } from './services/welcome';
import { ReadingService } from './services/reading';
import { NotebookService } from './services/notebook';

export type { CoreEvent, CoreEventListener } from './services/jobs';
export type { HighlightChange, NewHighlight } from './services/highlights';

export type HolderKind = 'desktop app' | 'browser mode' | 'command line';

export interface OpenOptions {
  /** who is opening it: told to a second writer that finds the folder locked */
  holder: HolderKind;
  /** read without taking the writer's lock (CLI list/search); every write then fails */
  readOnly?: boolean;
  /** folder holding welcome.md; defaults to the repository's resources/ */
  resourcesDir?: string;
  /**
   * keep the full-text index current in the background (after opening and after each change), so
   * searches answer at once; for long-running hosts, not for one-shot commands
   */
  indexInBackground?: boolean;
  /**
   * read a document's highlights when first asked for, not every document's at open: for a read-only
   * one-shot command that looks at a few documents of many (a search, a note); writers read them all
   */
  lazyAnnotations?: boolean;
}

/** How long after opening a long-running host starts its parser threads, unless an import starts them sooner. */
const WARM_PARSERS_AFTER_MS = 5000;

export const newerVersionMessage = (version: number): string =>
  `This library was written by a newer Gloss (data version ${version}; this Gloss knows up to ${SCHEMA_VERSION}). It is open read-only and nothing in it is changed: update Gloss to edit it.`;

/**
 * The folder's data version, from library.json or its backup; null for a folder with neither. Gloss
 * writes the version first (`{"schema":5,…`): read from the file's first bytes, a large catalog is not
 * parsed twice. A file that does not start so is read whole.
 */
async function folderVersion(paths: DataPaths): Promise<number | null> {
  for (const path of [paths.library, `${paths.library}.bak`]) {
    try {
      const head = await readHead(path, 64);
      const written = /^\{"schema":(\d+),"/.exec(head);
      return written ? Number(written[1]) : versionOf(JSON.parse(await readFile(path, 'utf8')));
    } catch {
      // missing or damaged: try the backup
    }
  }
  return null;
}

async function readHead(path: string, length: number): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const bytes = Buffer.alloc(length);
    const { bytesRead } = await handle.read(bytes, 0, length, 0);
    return bytes.toString('latin1', 0, bytesRead);
  } finally {
    await handle.close();
  }
}

export class Library {
  readonly documents: DocumentService;
  readonly highlights: HighlightService;
  readonly tags: TagService;
  readonly trash: TrashService;
  /** Undo and redo of this process's changes (in memory: a new process starts with none). */
  readonly history = new CommandHistory();
  readonly search: SearchService;
  readonly exports: ExportService;
  readonly jobs: LibraryJobs;
  readonly welcome: WelcomeService;
  /** The reading settings of the whole app (settings.json); in memory only when the library is read-only. */
  readonly settings: SettingsService;
  readonly reading: ReadingService;
  /** Every highlight of the library, filtered, searched and sorted, a page at a time. */
  readonly notebook: NotebookService;

  /** starts the parser threads of a long-running host a little after opening (see open) */
  private warmTimer?: NodeJS.Timeout;

  private constructor(
    readonly dataDir: string,
    readonly warnings: string[],
    private readonly ctx: LibraryContext,
    private readonly lock: DataFolderLock | null,
    indexInBackground: boolean,
    private readonly parsers: ParserPool,
  ) {
    this.search = new SearchService(ctx, indexInBackground, {
      analyze: (fields, size) => parsers.analyze(fields, size),
      compact: (job) => parsers.compact(job),
    });
    this.documents = new DocumentService(ctx, this.search, this.history);
    this.highlights = new HighlightService(ctx, this.history);
    this.tags = new TagService(ctx);
    this.trash = new TrashService(ctx, this.history);
    this.exports = new ExportService(ctx);
    this.jobs = new LibraryJobs(this.documents, this.exports);
    this.welcome = new WelcomeService(this.documents, ctx.resourcesDir);
    this.settings = new SettingsService(ctx.paths.settings, ctx.readOnlyReason !== null, (message) => warnings.push(message));
    this.reading = new ReadingService(ctx, this.documents);
    this.notebook = new NotebookService(ctx, (query) => this.search.highlightIds(query));
  }

  /** Why writes are refused (a newer Gloss's library, or opened read-only), or null when they are not. */
  get readOnlyReason(): string | null {
    return this.ctx.readOnlyReason;
  }

  static async open(dataDir: string, opts: OpenOptions): Promise<Library> {
    const dir = resolve(dataDir);
    const paths = dataPaths(dir);
    const warnings: string[] = [];
    const report = (message: string) => warnings.push(message);
    const version = await folderVersion(paths);
    const newer = version !== null && version > SCHEMA_VERSION;
    if (newer) report(newerVersionMessage(version));
    const readOnlyReason = newer
      ? newerVersionMessage(version)
      : opts.readOnly
        ? 'This library was opened read-only; close the other Gloss window or process to make changes.'
        : null;
    const lock = readOnlyReason ? null : await DataFolderLock.acquire(dir, opts.holder);
    try {
      if (lock && version !== null) await migrateFolder(paths, version, report);
      const parsers = new ParserPool();
      const adapter = new DurableJsonFile(paths.library, libraryCodec, report, !lock);
      const db = new Low<LibraryFile>(adapter, emptyLibrary(SCHEMA_VERSION));
      await db.read();
      const ctx: LibraryContext = {
        paths,
        db,
        annotations: new AnnotationStore(paths, !lock, report, !lock && (opts.lazyAnnotations ?? false)),
        content: new ContentStore(paths, !lock, report, (name, bytes, options) => parsers.parse(name, bytes, options)),
        readOnlyReason,
        resourcesDir: opts.resourcesDir ?? defaultResourcesDir,
        parse: (name, bytes, options) => parsers.parse(name, bytes, options),
        prepare: (job, size) => parsers.prepare(job, size),
        documentsChanged: () => lib.search.documentsChanged(),
      };
      const lib: Library = new Library(dir, warnings, ctx, lock, opts.indexInBackground ?? false, parsers);
      if (lock) await lib.repair(adapter.outcome === 'ok');
      lib.search.preload(report);
      await ctx.annotations.loadAll(new Set(db.data.documents.map((d) => d.id)));
      await lib.settings.load();
      lib.search.start(report);
      // A long-running host starts its parser threads before the first import needs them, but not at
      // once: the first seconds are the user's (the index read, the first searches, the window drawn),
      // and on two cores threads loading their code would slow all of that.
      if (opts.indexInBackground) {
        lib.warmTimer = setTimeout(
          () => lib.warmUp().catch((error: Error) => report(`The parsers could not start: ${error.message}`)),
          WARM_PARSERS_AFTER_MS,
        );
        lib.warmTimer.unref();
      }
      return lib;
    } catch (error) {
      lock?.release();
      throw error;
    }
  }

  /**
   * After library.json is read: if it was not read cleanly from its main file, bring back documents
   * whose folders are on disk but which it does not name; then clear what killed writes left behind.
   */
  private async repair(readCleanly: boolean): Promise<void> {
    const { db, paths, content } = this.ctx;
    const entries = () => [...db.data.documents, ...db.data.unreadable];
    const known = () =>
      new Set(
        entries()
          .map(idOf)
          .filter((id) => id !== undefined),
      );
    if (!readCleanly) {
      const recovered: DocumentMeta[] = await recoverFromPacks(content.packs, known()).catch(() => []);
      const lost: string[] = [];
      const recoveredIds = new Set(recovered.map((d) => d.id));
      for (const id of await unnamedDocumentFolders(paths, known())) {
        if (recoveredIds.has(id)) continue;
        const meta = await recoverDocument(paths, id).catch(() => null);
        if (meta) recovered.push(meta);
        else lost.push(id);
      }
      if (recovered.length > 0) {
        db.data.documents.push(...recovered);
        await db.write();
        const names = recovered.map((d) => `"${d.title}"`).join(', ');
        this.warnings.push(
          `library.json did not list ${recovered.length} document${recovered.length === 1 ? '' : 's'} found in the data folder; ` +
            `they are back in your library with their highlights: ${names}. Renamed titles and document tags could not be recovered.`,
        );
      }
      if (lost.length > 0)
        this.warnings.push(`${lost.length} document folder(s) could not be recovered and were left as they are: ${lost.join(', ')}.`);
    }
    const bodies = entries().map((e) => (e as { body?: { pack?: unknown } } | null)?.body?.pack);
    await cleanUp(
      paths,
      {
        known: known(),
        // a document whose body moved into a pack no longer needs its folder
        folders: new Set(
          entries()
            .filter((e, i) => typeof bodies[i] !== 'string')
            .map(idOf)
            .filter((id) => id !== undefined),
        ),
        packs: new Set(bodies.filter((p): p is string => typeof p === 'string')),
      },
      content.packs,
      readCleanly,
    );
  }

  /** Starts the parser threads now rather than at the first import (for long-running hosts, after open). */
  warmUp(): Promise<void> {
    return this.parsers.warm();
  }

  async close(): Promise<void> {
    clearTimeout(this.warmTimer);
    try {
      this.history.clear();
      await this.jobs.close();
      await this.search.close();
      await this.ctx.content.packs.close();
      await this.parsers.close();
    } finally {
      this.lock?.release();
    }
  }
}

function idOf(entry: unknown): string | undefined {
  const id = (entry as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : undefined;
}
