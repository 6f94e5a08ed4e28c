// What each file in a data folder holds. Metadata lives in lowdb JSON files; bodies live beside them.
//
//   <data>/gloss.lock                     the writer's lock
//   <data>/library.json                   every document's metadata (no bodies)
//   <data>/annotations/<documentId>.json  one document's highlights: a highlight write touches only this
//   <data>/documents/<documentId>/source.txt|source.md  the imported text (UTF-8, LF)
//   <data>/documents/<documentId>/content.json          the reading model: canonical text and blocks
//   <data>/search-index.json              the full-text index, a cache rebuilt when missing or damaged
import { join } from 'node:path';
import { z } from 'zod';
import { Block, DocumentMeta, Highlight } from '../model';

export const LibraryFile = z.object({ schema: z.literal(1), documents: z.array(DocumentMeta) });
export type LibraryFile = z.infer<typeof LibraryFile>;

export const AnnotationFile = z.object({ schema: z.literal(1), documentId: z.string(), highlights: z.array(Highlight) });
export type AnnotationFile = z.infer<typeof AnnotationFile>;

export const ContentFile = z.object({ text: z.string(), blocks: z.array(Block) });
export type ContentFile = z.infer<typeof ContentFile>;

export const dataPaths = (dataDir: string) => ({
  library: join(dataDir, 'library.json'),
  searchIndex: join(dataDir, 'search-index.json'),
  annotationsDir: join(dataDir, 'annotations'),
  annotations: (documentId: string) => join(dataDir, 'annotations', `${documentId}.json`),
  documentDir: (documentId: string) => join(dataDir, 'documents', documentId),
  content: (documentId: string) => join(dataDir, 'documents', documentId, 'content.json'),
  source: (documentId: string, format: 'text' | 'markdown') =>
    join(dataDir, 'documents', documentId, format === 'markdown' ? 'source.md' : 'source.txt'),
});
