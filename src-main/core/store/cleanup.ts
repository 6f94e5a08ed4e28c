// What killed writes leave behind, found and cleared at open: temp files, and document folders and
// annotation files that library.json does not name (an import killed before its metadata was saved,
// a delete killed half-way). Runs only while holding the writer's lock, so no live process can still
// be writing any of them: temp files carry their writer's pid, and only this process's are spared.
import { readdir, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { TEMP_NAME } from './durable-json';
import type { DataPaths } from './files';
import type { PackStore } from './packs';

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
 * Remove temp files everywhere in the folder; with `orphans`, also document folders, packs and annotation
 * files of documents the library does not know (only when library.json was read cleanly: when it was
 * not, those folders are what recovery brings back).
 */
export async function cleanUp(
  paths: DataPaths,
  library: { known: ReadonlySet<string>; folders: ReadonlySet<string>; packs: ReadonlySet<string> },
  packs: PackStore,
  orphans: boolean,
): Promise<void> {
  const { known } = library;
  await removeTempFiles(paths.dataDir);
  await removeTempFiles(paths.annotationsDir);
  await removeTempFiles(paths.searchDir);
  if (orphans) {
    // Document folders hold no temp files (their writes make them in the data folder), only orphans,
    // and the folders of documents whose bodies have since moved into a pack.
    for (const name of await unnamedDocumentFolders(paths, library.folders))
      await rm(join(paths.documentsDir, name), { recursive: true, force: true });
    // A pack no document points into: its documents were deleted, or an import was killed before
    // library.json named them. The packs this process is writing are never touched.
    for (const pack of await packs.list()) if (!library.packs.has(pack) && !packs.open.includes(pack)) await packs.remove(pack);
    for (const entry of await list(paths.annotationsDir)) {
      const id = basename(basename(entry.name, '.bak'), '.json');
      if (!entry.isFile() || !/\.json(\.bak)?$/.test(entry.name) || known.has(id)) continue;
      await rm(join(paths.annotationsDir, entry.name), { force: true });
    }
  }
}
