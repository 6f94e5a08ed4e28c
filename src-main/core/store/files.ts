// What each file in a data folder holds, and how each is read tolerantly. Metadata lives in lowdb JSON
// files; bodies live beside them.
//
//   <data>/gloss.lock                     the writer's lock
//   <data>/library.json                   every document's metadata (no bodies)
//   <data>/annotations/<documentId>.json  one document's highlights and reading position
//   <data>/packs/<name>.pack              document bodies: original bytes, reading model, images (packs.ts)
//   <data>/documents/<documentId>/source.<ext>   a body from before packs: the imported text (UTF-8, LF)
//   <data>/documents/<documentId>/content.json   … and its reading model: canonical text and blocks
//   <data>/search/                        the search indexes, a cache rebuilt when missing or damaged (search-files.ts)
//   <data>/settings.json                  the reading settings of the whole app (settings-file.ts)
//   <data>/backups/                       copies of the files a migration changed, taken before it ran
//
// Every stored file carries `schema`, the data version that wrote it. Fields and entries this build
// does not know are kept exactly as they were and written back: a newer Gloss's data survives an
// older one's writes.
import { join } from 'node:path';
import { z } from 'zod';
import { DocumentMeta, Highlight, ReadingModel, ReadingPosition } from '../model';
import type { Codec } from './durable-json';
import { upgradeFile } from './migrations';
import { isPlainDocumentMeta, isPlainHighlight } from './quick-checks';

/** The data version this build writes. Bump it only with a new step in migrations/. */
export { SCHEMA_VERSION } from './migrations';

const Schema = z.number().int().positive();

export interface LibraryFile {
  schema: number;
  documents: DocumentMeta[];
  /** entries this build cannot read (a newer format, a damaged entry): kept as they are */
  unreadable: unknown[];
  /** top-level fields this build does not know */
  extra: Record<string, unknown>;
}

export interface AnnotationFile {
  schema: number;
  documentId: string;
  highlights: Highlight[];
  readingPosition?: ReadingPosition;
  unreadable: unknown[];
  extra: Record<string, unknown>;
}

export const ContentFile = z.looseObject({ schema: Schema.optional(), ...ReadingModel.shape });
export type ContentFile = z.infer<typeof ContentFile>;

/**
 * Split stored entries into those this build can read and those it cannot (kept, to be written back
 * as they were). A readable entry is kept as the object it was read as, so fields a newer Gloss added
 * stay on it; the schemas have no transforms, so the checked value and the stored one are the same.
 * An entry the quick check passes needs no more (quick-checks.ts); the others are checked by the
 * schema, all at once first (the usual case, and much quicker than entry by entry).
 */
function sortOut<T>(items: unknown[], schema: z.ZodType<T>, quick: (item: unknown) => boolean): { good: T[]; bad: unknown[] } {
  const doubtful = items.filter((item) => !quick(item));
  if (doubtful.length === 0 || z.array(schema).safeParse(doubtful).success) return { good: items as T[], bad: [] };
  const good: T[] = [];
  const bad: unknown[] = [];
  for (const item of items) {
    if (quick(item) || schema.safeParse(item).success) good.push(item as T);
    else bad.push(item);
  }
  return { good, bad };
}

const LibraryShell = z.looseObject({ schema: Schema, documents: z.array(z.unknown()) });

export const libraryCodec: Codec<LibraryFile> = {
  decode(json) {
    const { schema, documents, ...extra } = LibraryShell.parse(upgradeFile('library', json));
    const { good, bad } = sortOut(documents, DocumentMeta, isPlainDocumentMeta);
    return { schema, documents: good, unreadable: bad, extra };
  },
  encode: ({ schema, documents, unreadable, extra }) => ({ ...extra, schema, documents: [...documents, ...unreadable] }),
};

const AnnotationShell = z.looseObject({ schema: Schema, documentId: z.string(), highlights: z.array(z.unknown()) });

export const annotationCodec: Codec<AnnotationFile> = {
  decode(json) {
    const { schema, documentId, highlights, ...extra } = AnnotationShell.parse(upgradeFile('annotations', json));
    const { good, bad } = sortOut(highlights, Highlight, isPlainHighlight);
    // A position this build cannot read stays among the extra fields, written back as it was.
    const position = extra.readingPosition === undefined ? undefined : ReadingPosition.safeParse(extra.readingPosition);
    if (position?.success) delete extra.readingPosition;
    return { schema, documentId, highlights: good, readingPosition: position?.success ? position.data : undefined, unreadable: bad, extra };
  },
  encode: ({ schema, documentId, highlights, readingPosition, unreadable, extra }) => ({
    ...extra,
    schema,
    documentId,
    highlights: [...highlights, ...unreadable],
    ...(readingPosition ? { readingPosition } : {}),
  }),
};

export const emptyLibrary = (schema: number): LibraryFile => ({ schema, documents: [], unreadable: [], extra: {} });
export const emptyAnnotations = (schema: number, documentId: string): AnnotationFile => ({
  schema,
  documentId,
  highlights: [],
  unreadable: [],
  extra: {},
});

export const SOURCE_PREFIX = 'source.';

export const dataPaths = (dataDir: string) => ({
  dataDir,
  library: join(dataDir, 'library.json'),
  searchDir: join(dataDir, 'search'),
  /** where earlier builds kept their search index (MiniSearch's): removed when found */
  oldSearchIndex: join(dataDir, 'search-index.json'),
  settings: join(dataDir, 'settings.json'),
  backups: join(dataDir, 'backups'),
  annotationsDir: join(dataDir, 'annotations'),
  annotations: (documentId: string) => join(dataDir, 'annotations', `${documentId}.json`),
  documentsDir: join(dataDir, 'documents'),
  packsDir: join(dataDir, 'packs'),
  documentDir: (documentId: string) => join(dataDir, 'documents', documentId),
  content: (documentId: string) => join(dataDir, 'documents', documentId, 'content.json'),
  /** the stored original; its extension is the importer's (source.txt, source.md, …) */
  source: (documentId: string, extension: string) => join(dataDir, 'documents', documentId, `${SOURCE_PREFIX}${extension.replace(/^\./, '')}`),
});
export type DataPaths = ReturnType<typeof dataPaths>;
