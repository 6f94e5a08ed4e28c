// Every channel between the UI and the core: its name, its input schema and its output schema.
// No Node or Electron imports: the renderer and the preload import this file too.
import { z } from 'zod';
import {
  Color,
  DocRef,
  DocumentContent,
  DocumentSummary,
  ExportReport,
  Highlight,
  Id,
  ImportReport,
  TagCount,
  TagList,
} from '../core/model';
import type { CHANNELS, EVENT_NAMES } from './names';

export { CHANNELS, ERROR_CODES, EVENT_NAMES, IPC_EVENT, IPC_INVOKE, type ErrorCode, type GlossBridge, type Result } from './names';

const Empty = z.object({}).strict();
const Nothing = z.object({});

/** A file handed over by the UI: its name, where it came from (if the host knows), its bytes. */
export const FileUpload = z.object({
  name: z.string().min(1).max(1024),
  source: z.string().max(4096).optional(),
  dataBase64: z.string().max(200 * 1024 * 1024, 'File too large to import'),
});

export const contract = {
  'app:status': {
    input: Empty,
    output: z.object({
      dataDir: z.string(),
      host: z.enum(['desktop', 'web']),
      /** problems found when opening the library (corrupt files moved aside, …) */
      warnings: z.array(z.string()),
      /** can the host show a native folder picker (dialog:pickFolder)? */
      canPickFolder: z.boolean(),
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
    input: z.object({ query: z.string().max(500).optional(), tag: z.string().max(64).optional() }).strict(),
    output: z.array(DocumentSummary),
  },
  'library:importFiles': {
    input: z.object({ files: z.array(FileUpload).min(1).max(10_000) }).strict(),
    output: ImportReport,
  },
  'library:addWelcome': {
    input: Empty,
    output: DocRef,
  },
  'document:get': {
    input: z.object({ id: Id }).strict(),
    output: DocumentContent,
  },
  'document:rename': {
    input: z.object({ id: Id, title: z.string().trim().min(1, 'A title cannot be empty').max(300) }).strict(),
    output: DocumentSummary,
  },
  'document:setTags': {
    input: z.object({ id: Id, tags: TagList }).strict(),
    output: DocumentSummary,
  },
  'document:delete': {
    input: z.object({ id: Id }).strict(),
    output: Nothing,
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
        note: z.string().max(100_000).optional(),
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
        note: z.string().max(100_000).optional(),
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
  /** Stop an import the host is running (the desktop menu's Import…) after its current batch. */
  'import:cancel': {
    input: Empty,
    output: z.object({ cancelled: z.boolean() }),
  },
  'export:markdown': {
    input: z.object({ outDir: z.string().min(1).max(4096), documentIds: z.array(Id).optional() }).strict(),
    output: ExportReport,
  },
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type Input<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type Output<C extends Channel> = z.output<Contract[C]['output']>;

/** Events the host pushes to the UI (desktop: the menu's Import… and Export… run in the host). */
export const events = {
  'library:changed': z.object({ report: ImportReport.optional(), message: z.string().optional() }),
  /** an import the host runs is under way: files read so far, of how many */
  'import:progress': z.object({ done: z.number().int().nonnegative(), total: z.number().int().nonnegative() }),
} as const;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

// names.ts lists exactly these channels and events (the preload trusts that list): a compile error here
// means one side was changed without the other.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const namesMatchContract: [Same<Channel, (typeof CHANNELS)[number]>, Same<EventName, (typeof EVENT_NAMES)[number]>] = [true, true];
