// What was dropped on the window, folders included: browser mode cannot hand a folder to the core by
// path, so it walks the dropped folders itself (the File and Directory Entries API) and names each
// file by where it sits in what was dropped ("Trip/notes/day-1.txt"). Junk and a saved page's own
// folder of images are left out, as the core does for folders it reads.
import { isJunk, isPageFilesFolder } from '../../src-main/ipc/contract';

/** A file to import and where it sits in what was dropped or picked (its name, or a path inside a folder). */
export interface PickedFile {
  file: File;
  path: string;
}

/** The entries of a drop. Only readable while the drop event is being handled: call it there, at once. */
export function dropEntries(data: DataTransfer): (FileSystemEntry | File)[] {
  const out: (FileSystemEntry | File)[] = [];
  for (const item of Array.from(data.items)) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry?.();
    const file = entry ? null : item.getAsFile();
    if (entry) out.push(entry);
    else if (file) out.push(file);
  }
  return out;
}

const fileOf = (entry: FileSystemFileEntry) => new Promise<File>((resolve, reject) => entry.file(resolve, reject));

/** Every entry of a folder: readEntries answers in batches until it answers none. */
async function childrenOf(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

/** The files of a drop, folders walked, in a stable order. */
export async function droppedFiles(entries: (FileSystemEntry | File)[]): Promise<PickedFile[]> {
  const out: PickedFile[] = [];
  const walk = async (entry: FileSystemEntry, siblings: readonly string[]): Promise<void> => {
    if (isJunk(entry.name)) return;
    if (entry.isFile) out.push({ file: await fileOf(entry as FileSystemFileEntry), path: entry.fullPath.replace(/^\//, '') });
    else if (entry.isDirectory && !isPageFilesFolder(entry.name, siblings)) {
      const children = (await childrenOf(entry as FileSystemDirectoryEntry)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const names = children.map((c) => c.name);
      for (const child of children) await walk(child, names);
    }
  };
  const names = entries.map((e) => e.name);
  for (const entry of entries) {
    if (entry instanceof File) out.push({ file: entry, path: entry.name });
    else await walk(entry, names);
  }
  return out;
}
