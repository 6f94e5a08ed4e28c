// What killed writes leave behind, found and cleared at open: temp files, and document folders and
// annotation files that library.json does not name (an import killed before its metadata was saved,
// a delete killed half-way). Runs only while holding the writer's lock, so no live process can still
// be writing any of them: temp files carry their writer's pid, and only this process's are spared.
import { readdir, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { TEMP_SUFFIX } from './durable-json';
import type { DataPaths } from './files';

const TEMP = new RegExp(`\\.(\\d+)${TEMP_SUFFIX.replace('.', '\\.')}$`);

const list = (dir: string) => readdir(dir, { withFileTypes: true }).catch(() => []);

async function removeTempFiles(dir: string): Promise<number> {
  let removed = 0;
  for (const entry of await list(dir)) {
    const match = TEMP.exec(entry.name);
    if (!entry.isFile() || !match || Number(match[1]) === process.pid) continue;
    await rm(join(dir, entry.name), { force: true });
    removed++;
  }
  return removed;
}

export interface Strays {
  tempFiles: number;
  documentFolders: string[];
  annotationFiles: string[];
}

/** Document folders that library.json does not name (what recovery reads when library.json is lost). */
export async function unnamedDocumentFolders(paths: DataPaths, known: ReadonlySet<string>): Promise<string[]> {
  return (await list(paths.documentsDir)).filter((e) => e.isDirectory() && !known.has(e.name)).map((e) => e.name);
}

/**
 * Remove temp files everywhere in the folder; with `orphans`, also document folders and annotation
 * files of documents the library does not know (only when library.json was read cleanly: when it was
 * not, those folders are what recovery brings back).
 */
export async function cleanUp(paths: DataPaths, known: ReadonlySet<string>, orphans: boolean): Promise<Strays> {
  const strays: Strays = { tempFiles: 0, documentFolders: [], annotationFiles: [] };
  strays.tempFiles += await removeTempFiles(paths.dataDir);
  strays.tempFiles += await removeTempFiles(paths.annotationsDir);
  const folders = (await list(paths.documentsDir)).filter((e) => e.isDirectory()).map((e) => e.name);
  // Thousands of small folders: a few dozen at a time rather than one after another.
  for (let i = 0; i < folders.length; i += 64) {
    await Promise.all(
      folders.slice(i, i + 64).map(async (name) => {
        if (orphans && !known.has(name)) {
          await rm(join(paths.documentsDir, name), { recursive: true, force: true });
          strays.documentFolders.push(name);
        } else {
          strays.tempFiles += await removeTempFiles(join(paths.documentsDir, name));
        }
      }),
    );
  }
  if (orphans) {
    for (const entry of await list(paths.annotationsDir)) {
      const id = basename(basename(entry.name, '.bak'), '.json');
      if (!entry.isFile() || !/\.json(\.bak)?$/.test(entry.name) || known.has(id)) continue;
      await rm(join(paths.annotationsDir, entry.name), { force: true });
      strays.annotationFiles.push(entry.name);
    }
  }
  return strays;
}
