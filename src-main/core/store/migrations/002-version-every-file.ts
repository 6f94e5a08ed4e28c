// Data version 2: every stored file says which data version wrote it. Gloss 0.1 (version 1) stamped
// library.json and the annotation files with `schema: 1` and left content.json unstamped.
import type { Migration } from './types';

export const versionEveryFile: Migration = {
  version: 2,
  name: 'version every file',
  // Nothing else changes shape: the step only stamps the new version, which the runner does.
};
