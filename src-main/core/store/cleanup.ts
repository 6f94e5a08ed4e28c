// What killed writes leave behind, found and cleared at open: temp files, and document folders and
// annotation files that library.json does not name (an import killed before its metadata was saved,
// a delete killed half-way). Runs only while holding the writer's lock, so no live process can still
// be writing any of them: temp files carry their writer's pid, and only this process's are spared.
import { readdir, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { TEMP_NAME } from './durable-json';
import type { DataPaths } from './files';

const list = (dir: string) => readdir(dir, { withFileTypes: true }).catch(() => []);

async function removeTempFiles(dir: string): Promise<void> {
  for (const entry of await list(dir)) {
    const match = TEMP_NAME.exec(entry.name);
    if (entry.isFile() && match && Number(match[1]) !== process.pid) await rm(join(dir, entry.name), { force: true });
  }
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
export async function cleanUp(paths: DataPaths, known: ReadonlySet<string>, orphans: boolean): Promise<void> {
  await removeTempFiles(paths.dataDir);
  await removeTempFiles(paths.annotationsDir);
  if (orphans) {
    // Document folders hold no temp files (their writes make them in the data folder), only orphans.
    for (const name of await unnamedDocumentFolders(paths, known)) await rm(join(paths.documentsDir, name), { recursive: true, force: true });
    for (const entry of await list(paths.annotationsDir)) {
      const id = basename(basename(entry.name, '.bak'), '.json');
      if (!entry.isFile() || !/\.json(\.bak)?$/.test(entry.name) || known.has(id)) continue;
      await rm(join(paths.annotationsDir, entry.name), { force: true });
    }
  }
}
