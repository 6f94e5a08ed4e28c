// Numbered migrations: any older data folder is brought up to this build's data version at open,
// after hard-linking every file a step will touch into backups/ (our writes replace files through a
// rename, so a link keeps the old bytes exactly). A folder from a newer Gloss is never migrated; the
// library opens it read-only (see library.ts).
import { link, copyFile, mkdir, readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import type { DataPaths } from '../files';
import type { Report } from '../durable-json';
import { fsyncDir, replaceFileSynced } from '../durable-json';
import { versionEveryFile } from './002-version-every-file';
import { everyFormat } from './003-every-format';
import { textBesideModel } from './004-text-beside-model';
import { trashAndDocumentNotes } from './005-trash-and-document-notes';
import type { Migration, StoredJson, StoredKind } from './types';

export type { Migration, StoredKind } from './types';

/** Every step, in order. Add a file NNN-what.ts and list it here; SCHEMA_VERSION follows. */
export const MIGRATIONS: readonly Migration[] = [versionEveryFile, everyFormat, textBesideModel, trashAndDocumentNotes];

/** The data version this build reads and writes. Gloss 0.1 wrote version 1. */
export const SCHEMA_VERSION = MIGRATIONS.reduce((v, m) => Math.max(v, m.version), 1);

const isRecord = (json: unknown): json is StoredJson => typeof json === 'object' && json !== null && !Array.isArray(json);

/** A file's data version: content.json of Gloss 0.1 carried none and is version 1. */
export function versionOf(json: unknown): number {
  return isRecord(json) && typeof json.schema === 'number' ? json.schema : 1;
}

/** One file's JSON brought up to SCHEMA_VERSION in memory (unchanged if it is that new or newer). */
export function upgradeFile(kind: StoredKind, json: unknown): unknown {
  if (!isRecord(json)) return json;
  let out = json;
  const from = versionOf(json);
  for (const step of MIGRATIONS) {
    if (step.version <= from) continue;
    out = { ...(step[kind]?.(out) ?? out), schema: step.version };
  }
  return out;
}

interface StoredFile {
  kind: StoredKind;
  path: string;
  /** library.json and annotation files keep a .bak that must hold the same latest write */
  backup: boolean;
}

async function listStoredFiles(paths: DataPaths): Promise<StoredFile[]> {
  const files: StoredFile[] = [];
  const names = async (dir: string) => readdir(dir).catch(() => [] as string[]);
  for (const id of await names(paths.documentsDir)) files.push({ kind: 'content', path: paths.content(id), backup: false });
  for (const name of await names(paths.annotationsDir)) {
    if (name.endsWith('.json')) files.push({ kind: 'annotations', path: join(paths.annotationsDir, name), backup: true });
  }
  // library.json last: its version is what says the folder is done.
  files.push({ kind: 'library', path: paths.library, backup: true });
  return files;
}

async function keepCopy(path: string, dest: string): Promise<boolean> {
  await mkdir(dirname(dest), { recursive: true });
  try {
    await link(path, dest);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return false;
    await copyFile(path, dest); // a file system without hard links
  }
  return true;
}

const PARALLEL = 32;

/**
 * Bring the folder from `from` up to SCHEMA_VERSION. Safe to interrupt: every file is replaced
 * atomically, a step is idempotent on files already at its version, and library.json (written last)
 * still says the old version until everything else is done, so the next open simply runs it again.
 */
export async function migrateFolder(paths: DataPaths, from: number, report: Report): Promise<void> {
  if (from >= SCHEMA_VERSION) return;
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const backupDir = join(paths.backups, `before-data-version-${SCHEMA_VERSION}-${stamp}`);
  const files = await listStoredFiles(paths);
  let changed = 0;
  for (let i = 0; i < files.length; i += PARALLEL) {
    const results = await Promise.all(files.slice(i, i + PARALLEL).map((file) => migrateOne(paths, file, backupDir)));
    changed += results.filter(Boolean).length;
  }
  await fsyncDir(paths.dataDir);
  if (changed > 0) {
    report(
      `Your library was upgraded from data version ${from} to ${SCHEMA_VERSION}. Copies of the ${changed} files that changed are in ${relative(paths.dataDir, backupDir)}.`,
    );
  }
}

async function migrateOne(paths: DataPaths, file: StoredFile, backupDir: string): Promise<boolean> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file.path, 'utf8'));
  } catch {
    return false; // missing or damaged: reading it later restores the backup or rebuilds it
  }
  if (versionOf(json) >= SCHEMA_VERSION) return false;
  const text = JSON.stringify(upgradeFile(file.kind, json));
  if (!(await keepCopy(file.path, join(backupDir, relative(paths.dataDir, file.path))))) return false;
  // Temp files in the data folder itself, so cleanup need not look inside document folders.
  await replaceFileSynced(file.path, text, paths.dataDir);
  if (file.backup) await replaceFileSynced(`${file.path}.bak`, text, paths.dataDir);
  return true;
}
