// Data version 4: a pack's reading model is stored as one line of JSON without the text, then the
// text (content-codec.ts), not as one JSON object holding every block's text a second time. Older
// content is read as it is, so nothing is rewritten; the version says "newer" to a Gloss that knows
// only version 3, which would take the new layout for damage, and it opens the library read-only.
import type { Migration } from './types';

export const textBesideModel: Migration = {
  version: 4,
  name: 'text beside the reading model',
};
