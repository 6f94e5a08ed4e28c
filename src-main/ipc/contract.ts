// Every channel between the UI and the core: its name, its input schema and its output schema, and the
// events the host pushes. No Node or Electron imports: the renderer and the preload import this file
// too, and it is the renderer's only way to the core's types and shared rules.
import { z } from 'zod';
import { EXPORT_FORMAT_IDS } from '../core/export/catalog';
import { MAX_IMPORT_BYTES } from '../core/formats/catalog';
import {
  Block,
  Color,
  COLORS,
  DocRef,
  DocumentContent,
  DocumentSummary,
  Highlight,
  HistoryState,
  HistoryStep,
  Id,
  JobProgress,
  JobResult,
  SearchResults,
  TagCount,
  TagList,
} from '../core/model';
import { DocumentOutline, FindResult } from '../core/outline';
import { MAX_NOTEBOOK_PAGE, MAX_NOTEBOOK_SELECTION, NotebookFacets, NotebookPage, NotebookSort } from '../core/notebook';
import { ReadingSettings, ReadingSettingsChange } from '../core/settings';
import type { CHANNELS, EVENT_NAMES } from './names';

export { CHANNELS, ERROR_CODES, EVENT_NAMES, IPC_EVENT, IPC_INVOKE, type ErrorCode, type GlossBridge, type Result } from './names';
// The core's pure rules and types the UI shares, so it never copies them.
export * from '../core/model';
export * from '../core/outline';
export * from '../core/settings';
export * from '../core/notebook';
export {
  IMPORT_ACCEPT,
  IMPORT_EXTENSIONS,
  IMPORT_FORMATS,
  IMPORT_FORMATS_TEXT,
  MAX_IMPORT_BYTES,
  describeSkipped,
  formatSize,
  formatTimeLeft,
  isJunk,
  isPageFilesFolder,
  isSupportedFile,
} from '../core/formats/catalog';
export { EXPORT_FORMATS, type ExportFormatId } from '../core/export/catalog';
export { TEXT_ENCODINGS } from '../core/formats/encodings';
export { isAllowedExternalUrl } from '../core/links';
export { cleanTag, foldTag, normalizeTags, sameTag } from '../core/tags';
export { compareHighlights, inReadingOrder } from '../core/highlight-order';
export { matchesOf, queryTerms, type TextSpan } from '../core/first-match';

/** The largest request browser mode accepts (one API call's JSON body). */
export const MAX_REQUEST_BYTES = 300 * 1024 * 1024;
/**
 * The most file bytes one job:importFiles carries: they travel as base64 (4/3 of their size) in one
 * request, which must stay under MAX_REQUEST_BYTES.
 */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
/** The most files one import job takes. */
export const MAX_FILES_PER_IMPORT = 10_000;
/** The longest note (a highlight's or a document's), in UTF-16 code units. */
export const MAX_NOTE_LENGTH = 100_000;
/** The longest search, in characters (a search box stops there: a pasted passage is cut, not refused). */
export const MAX_QUERY_LENGTH = 500;

const Empty = z.object({}).strict();
const Nothing = z.object({});
const JobStarted = z.object({ jobId: z.string() });

/** A file handed over by the UI: its name, where it came from (if the host knows), its bytes. */
export const FileUpload = z.object({
  name: z.string().min(1).max(1024),
  source: z.string().max(4096).optional(),
  // base64 is 4/3 of the bytes; the core names the limit in its own message for a file just over it
  dataBase64: z.string().max(Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 4096, 'File too large to import'),
});
export type FileUpload = z.infer<typeof FileUpload>;

export const HostKind = z.enum(['desktop', 'web', 'cli']);

/** An instant (ISO 8601, with its offset) or a day (midnight UTC). */
const Instant = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);
/** Which highlights the notebook shows: see NotebookFilter in core/notebook.ts. */
const NotebookFilterInput = z
  .object({
    tags: TagList.optional(),
    colors: z.array(Color).max(COLORS.length).optional(),
    documentIds: z.array(Id).max(MAX_FILES_PER_IMPORT).optional(),
    from: Instant.optional(),
    to: Instant.optional(),
    query: z.string().max(MAX_QUERY_LENGTH).optional(),
  })
  .strict();

export const contract = {
  'app:status': {
    input: Empty,
    output: z.object({
      dataDir: z.string(),
      host: HostKind,
      /** problems found when opening the library (corrupt files moved aside, …) */
      warnings: z.array(z.string()),
      /** can the host show a native folder picker (dialog:pickFolder)? */
      canPickFolder: z.boolean(),
      /** why the library cannot be changed (written by a newer Gloss, …), or null */
      readOnly: z.string().nullable(),
      /** jobs still running (a reloaded window picks up their progress) */
      runningJobs: z.array(z.string()),
    }),
  },
  'dialog:pickFolder': {
    input: z.object({ title: z.string().max(200).optional() }).strict(),
    output: z.object({ path: z.string().nullable() }),
  },
  'app:openExternal': {
    input: z.object({ url: z.string().max(4096) }).strict(),
    output: Nothing,
  },
  'library:list': {
    input: z.object({ query: z.string().max(MAX_QUERY_LENGTH).optional(), tag: z.string().max(64).optional() }).strict(),
    output: z.array(DocumentSummary),
  },
  /** One search: documents (each with its best passage), then highlights and notes; "did you mean" when nothing matches. */
  'search:query': {
    input: z
      .object({
        query: z.string().max(MAX_QUERY_LENGTH),
        tag: z.string().max(64).optional(),
        typing: z.boolean().optional(),
        limit: z.number().int().min(1).max(200).optional(),
      })
      .strict(),
    output: SearchResults,
  },
  'library:addWelcome': {
    input: Empty,
    output: DocRef,
  },
  'document:get': {
    input: z.object({ id: Id }).strict(),
    output: DocumentContent,
  },
  /** A document as the reader opens it: outline, landmarks and place, without its text (see core/outline.ts). */
  'document:outline': {
    input: z.object({ id: Id }).strict(),
    output: DocumentOutline,
  },
  /** Blocks [from, to) of a document, as the reader scrolls to them (a slice may hold fewer). */
  'document:blocks': {
    input: z
      .object({ id: Id, from: z.number().int().nonnegative(), to: z.number().int().nonnegative() })
      .strict()
      .refine((r) => r.to >= r.from, 'A slice ends where it starts or after'),
    output: z.object({ blocks: z.array(Block) }),
  },
  /** Find in a document, ignoring case and accents: the first `limit` matches and how many in all. */
  'document:find': {
    input: z.object({ id: Id, query: z.string().min(1).max(1000), limit: z.number().int().min(1).max(100_000).default(10_000) }).strict(),
    output: FindResult,
  },
  'document:rename': {
    input: z.object({ id: Id, title: z.string().trim().min(1, 'A title cannot be empty').max(300) }).strict(),
    output: DocumentSummary,
  },
  'document:setTags': {
    input: z.object({ id: Id, tags: TagList }).strict(),
    output: DocumentSummary,
  },
  /** Moves the document to the Trash (undoable; trash:restore brings it back, trash:empty erases it). */
  'document:delete': {
    input: z.object({ id: Id }).strict(),
    output: Nothing,
  },
  /** The document's own note (Markdown; '' when it has none). */
  'document:getNote': {
    input: z.object({ id: Id }).strict(),
    output: z.object({ note: z.string() }),
  },
  /** Sets the document's note ('' clears it); undoable. Answers the document, with `hasNote`. */
  'document:setNote': {
    input: z.object({ id: Id, note: z.string().max(MAX_NOTE_LENGTH) }).strict(),
    output: DocumentSummary,
  },
  /** Where the reader stopped (an offset in the canonical text), kept in the library for every host. */
  'document:setPosition': {
    input: z.object({ id: Id, offset: z.number().int().nonnegative() }).strict(),
    output: Nothing,
  },
  /**
   * "Reopen with encoding…": decode the stored original again with the user's choice (a WHATWG encoding
   * label); the highlights are re-anchored in the new text. Answers the document as it now reads.
   */
  'document:reopen': {
    input: z.object({ id: Id, encoding: z.string().min(1).max(64) }).strict(),
    output: DocumentContent,
  },
  'highlight:list': {
    input: z.object({ documentId: Id }).strict(),
    output: z.array(Highlight),
  },
  'highlight:create': {
    input: z
      .object({
        documentId: Id,
        start: z.number().int().nonnegative(),
        end: z.number().int().positive(),
        color: Color,
        note: z.string().max(MAX_NOTE_LENGTH).optional(),
        tags: TagList.optional(),
      })
      .strict(),
    output: Highlight,
  },
  'highlight:update': {
    input: z
      .object({
        documentId: Id,
        id: Id,
        color: Color.optional(),
        note: z.string().max(MAX_NOTE_LENGTH).optional(),
        tags: TagList.optional(),
      })
      .strict(),
    output: Highlight,
  },
  'highlight:delete': {
    input: z.object({ documentId: Id, id: Id }).strict(),
    output: Nothing,
  },
  'tags:list': {
    input: Empty,
    output: z.array(TagCount),
  },
  /** Documents in the Trash, the most recently deleted first (each with `trashedAt`). */
  'trash:list': {
    input: Empty,
    output: z.array(DocumentSummary),
  },
  /** Brings a document back from the Trash as it was (same id, highlights, note, tags); undoable. */
  'trash:restore': {
    input: z.object({ id: Id }).strict(),
    output: DocumentSummary,
  },
  /** Erases documents in the Trash for good (all of them without `ids`); not undoable. */
  'trash:empty': {
    input: z.object({ ids: z.array(Id).min(1).max(MAX_FILES_PER_IMPORT).optional() }).strict(),
    output: z.object({ erased: z.number().int().nonnegative() }),
  },
  /**
   * Undo the last change (highlight create, colour, note, tags, delete; document rename, tags, note,
   * delete, restore). `done: false` when there is nothing to undo. A change whose target is gone
   * (its document erased from the Trash) fails with a message and leaves the history.
   */
  'history:undo': {
    input: Empty,
    output: HistoryStep,
  },
  /** Make the last undone change again, with the same ids; `done: false` when there is nothing to redo. */
  'history:redo': {
    input: Empty,
    output: HistoryStep,
  },
  /** Whether Undo and Redo can do anything, with their labels ("Undo highlight colour"), for an Edit menu. */
  'history:state': {
    input: Empty,
    output: HistoryState,
  },
  /** Import files and folders (recursively) by path, as a job: progress and result come as events. */
  'job:importPaths': {
    input: z.object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(MAX_FILES_PER_IMPORT) }).strict(),
    output: JobStarted,
  },
  /** Import files the UI holds (browser mode's picked or dropped files), as a job. */
  'job:importFiles': {
    input: z.object({ files: z.array(FileUpload).min(1).max(MAX_FILES_PER_IMPORT) }).strict(),
    output: JobStarted,
  },
  'job:export': {
    input: z.object({ format: z.enum(EXPORT_FORMAT_IDS), outDir: z.string().min(1).max(4096), documentIds: z.array(Id).optional() }).strict(),
    output: JobStarted,
  },
  /** A finished job's result, for a window that missed its job:finished event (null while it runs or when unknown). */
  'job:result': {
    input: z.object({ jobId: z.string().max(64) }).strict(),
    output: JobResult.nullable(),
  },
  /** Stop a job (or every job, without an id) after the file in hand; what it finished is kept. */
  'job:cancel': {
    input: z.object({ jobId: z.string().max(64).optional() }).strict(),
    output: z.object({ cancelled: z.boolean() }),
  },
  /** The reading settings of the whole app (theme, font, size, line height, width, justification). */
  'settings:get': {
    input: Empty,
    output: ReadingSettings,
  },
  /** Change some reading settings (the others stay); answers all of them. Every window hears `settings:changed`. */
  'settings:set': {
    input: ReadingSettingsChange,
    output: ReadingSettings,
  },
  /** A page of every highlight in the library (not the Trash's), filtered and sorted, with how many match. */
  'notebook:list': {
    input: NotebookFilterInput.extend({
      sort: NotebookSort,
      offset: z.number().int().nonnegative().max(MAX_NOTEBOOK_SELECTION),
      limit: z.number().int().min(1).max(MAX_NOTEBOOK_PAGE),
    }).strict(),
    output: NotebookPage,
  },
  /** The tags, colours and documents the library's highlights have, with counts, for the notebook's filters. */
  'notebook:facets': {
    input: Empty,
    output: NotebookFacets,
  },
  /** Chosen highlights as Markdown grouped by document: by id, or every one a filter matches but `except`. */
  'notebook:markdown': {
    input: z.union([
      z.object({ ids: z.array(Id).min(1).max(MAX_NOTEBOOK_SELECTION) }).strict(),
      z.object({ filter: NotebookFilterInput, except: z.array(Id).max(MAX_NOTEBOOK_SELECTION).optional() }).strict(),
    ]),
    output: z.object({ markdown: z.string(), count: z.number().int().nonnegative() }),
  },
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type Input<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type Output<C extends Channel> = z.output<Contract[C]['output']>;

/** Events the host pushes to the UI: the same in the desktop app (IPC) and browser mode (SSE). */
export const events = {
  'job:progress': JobProgress,
  'job:finished': JobResult,
  /** The reading settings after any change, from any window, host or the desktop menu. */
  'settings:changed': ReadingSettings,
  /** The desktop menu's View › Reading Settings…: the window shows its settings panel. */
  'settings:openPanel': Empty,
  /** The desktop Edit menu's Undo or Redo ran in the host: the window says what it did and refreshes. */
  'history:changed': z.object({ action: z.enum(['undo', 'redo']), step: HistoryStep }),
} as const;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

// names.ts lists exactly these channels and events (the preload trusts that list): a compile error here
// means one side was changed without the other.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const namesMatchContract: [Same<Channel, (typeof CHANNELS)[number]>, Same<EventName, (typeof EVENT_NAMES)[number]>] = [true, true];
