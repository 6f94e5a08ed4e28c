// Data version 5: a deleted document goes to the Trash (`trashedAt` on its library.json entry, body
// and highlights kept) and a document can carry a note of its own (`note` in its annotation file).
// Older data needs nothing changed: no entry is in the Trash and no document has a note. The version
// says "newer" to a Gloss that knows only version 4, which would show documents in the Trash as if
// they were in the library (and drop nothing, but let the user edit them), so it opens read-only.
import type { Migration } from './types';

export const trashAndDocumentNotes: Migration = {
  version: 5,
  name: 'trash and document notes',
};
