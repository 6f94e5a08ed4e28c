// Data version 3: documents of every format (web pages, EPUB, PDF), bodies in pack files, new block
// kinds (pre, table) and landmarks (contents, chapters, pages). A Gloss that knows only version 2
// would take those blocks for damage and rebuild them with its own parsers, so the version says
// "newer" to it and it opens the library read-only instead.
//
// The one change to older data: Gloss up to data version 2 read text and Markdown only as UTF-8 and
// stored them decoded, so their encoding is recorded as UTF-8 ("Reopen with encoding…" starts there).
import type { Migration, StoredJson } from './types';

const TEXT_FORMATS = new Set(['text', 'markdown']);

export const everyFormat: Migration = {
  version: 3,
  name: 'every format',
  library(json: StoredJson): StoredJson {
    if (!Array.isArray(json.documents)) return json;
    return {
      ...json,
      documents: json.documents.map((doc: unknown) => {
        if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return doc;
        const entry = doc as Record<string, unknown>;
        return TEXT_FORMATS.has(entry.format as string) && entry.encoding === undefined ? { ...entry, encoding: 'utf-8' } : entry;
      }),
    };
  },
};
