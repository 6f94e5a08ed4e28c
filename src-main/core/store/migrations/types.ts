export type StoredKind = 'library' | 'annotations' | 'content';

/** A stored file's JSON as read from disk: only `schema` is known to every version. */
export type StoredJson = Record<string, unknown> & { schema?: number };

/**
 * One numbered step: it turns files written at `version - 1` into files of `version`. Each transform
 * is pure (JSON in, JSON out) so the same step runs on a whole folder at open and on one file read
 * by a read-only process; the runner stamps `schema: version` afterwards.
 */
export interface Migration {
  version: number;
  name: string;
  library?(json: StoredJson): StoredJson;
  annotations?(json: StoredJson): StoredJson;
  content?(json: StoredJson): StoredJson;
}
