// When library.json and its backup are both unusable (a disk error, a bad copy, a sync tool), the
// documents are still on disk: each folder holds the original and the reading model, and each
// annotation file its highlights. They are brought back rather than dropped, and the user is told
// exactly which ones and what could not be recovered (renamed titles and document tags live only in
// library.json).
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { normalizeFile, sourceExtensionOf } from '../formats';
import { DocumentFormat, DocumentMeta } from '../model';
import type { DataPaths } from './files';
import type { PackStore } from './packs';

const FORMAT_BY_SOURCE = new Map(DocumentFormat.options.map((f) => [sourceExtensionOf(f), f]));

export async function recoverDocument(paths: DataPaths, id: string): Promise<DocumentMeta | null> {
  const dir = paths.documentDir(id);
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const format = name.startsWith('source.') ? FORMAT_BY_SOURCE.get(name.slice('source.'.length)) : undefined;
    if (!format) continue;
    const file = join(dir, name);
    const [bytes, info] = await Promise.all([readFile(file), stat(file)]);
    const doc = await normalizeFile(name, bytes, { format });
    return {
      id,
      title: doc.title,
      source: `(recovered from the data folder)`,
      format,
      hash: doc.hash,
      importedAt: info.mtime.toISOString(),
      words: doc.words,
      bytes: bytes.byteLength,
      tags: doc.tags,
      ...doc.meta,
    };
  }
  return null;
}

/**
 * Documents whose bodies are in packs but which library.json does not name: each record carries the
 * document's metadata as imported, so they come back as they were then (the latest record of each).
 */
export async function recoverFromPacks(packs: PackStore, known: ReadonlySet<string>): Promise<DocumentMeta[]> {
  const found = new Map<string, DocumentMeta>();
  for (const pack of (await packs.list()).sort()) {
    for await (const { at, header } of packs.records(pack)) {
      if (known.has(header.id)) continue;
      const meta = DocumentMeta.safeParse({ ...header.meta, id: header.id, body: at });
      if (meta.success) found.set(header.id, meta.data);
    }
  }
  return [...found.values()];
}
