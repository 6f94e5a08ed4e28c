// When library.json and its backup are both unusable (a disk error, a bad copy, a sync tool), the
// documents are still on disk: each folder holds the original and the reading model, and each
// annotation file its highlights. They are brought back rather than dropped, and the user is told
// exactly which ones and what could not be recovered (renamed titles and document tags live only in
// library.json).
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { countWords } from '../formats/blocks';
import { chooseTitle, parseSource, sourceExtensionOf } from '../formats';
import { DocumentFormat, type DocumentMeta } from '../model';
import type { DataPaths } from './files';

const FORMAT_BY_SOURCE = new Map(DocumentFormat.options.map((f) => [sourceExtensionOf(f), f]));

export async function recoverDocument(paths: DataPaths, id: string): Promise<DocumentMeta | null> {
  const dir = paths.documentDir(id);
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const format = name.startsWith('source.') ? FORMAT_BY_SOURCE.get(name.slice('source.'.length)) : undefined;
    if (!format) continue;
    const file = join(dir, name);
    const [bytes, info] = await Promise.all([readFile(file), stat(file)]);
    const source = bytes.toString('utf8');
    const { text, blocks } = parseSource(format, source);
    return {
      id,
      title: chooseTitle(blocks, text, format, name),
      source: `(recovered from the data folder)`,
      format,
      hash: createHash('sha256').update(source, 'utf8').digest('hex'),
      importedAt: info.mtime.toISOString(),
      words: countWords(text),
      bytes: bytes.byteLength,
      tags: [],
    };
  }
  return null;
}
