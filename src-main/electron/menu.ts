// The application menu. Import… and Export… run here in the host with native dialogs, then tell the
// UI through the contract's 'library:changed' event so it refreshes and reports what happened.
// The menu's shape (which items, per platform and build) is menu-template.ts.
import { app, dialog, Menu, type BrowserWindow, type OpenDialogOptions } from 'electron';
import type { LibraryApi } from '../core/library';
import { IPC_EVENT, type EventName, type EventPayload } from '../ipc/contract';
import { menuTemplate, type MenuActions } from './menu-template';

export interface MenuContext {
  lib: LibraryApi;
  getWindow(): BrowserWindow | null;
}

const DOCUMENT_FILTERS = [
  { name: 'Text and Markdown', extensions: ['txt', 'md', 'markdown'] },
  { name: 'All files', extensions: ['*'] },
];

export function sendEvent<E extends EventName>(win: BrowserWindow | null, event: E, payload: EventPayload<E>): void {
  if (win && !win.isDestroyed()) win.webContents.send(IPC_EVENT, event, payload);
}

async function showOpen(win: BrowserWindow | null, options: OpenDialogOptions): Promise<string[]> {
  const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return result.canceled ? [] : result.filePaths;
}

function reportError(title: string, err: unknown): void {
  dialog.showErrorBox(title, err instanceof Error ? err.message : String(err));
}

// macOS lets one dialog pick files and folders together; Linux and Windows cannot mix them.
type ImportKind = 'files' | 'folder' | 'both';

/** The import the menu started, so the UI's Cancel (the contract's import:cancel) can stop it. */
let running: AbortController | null = null;

export function cancelMenuImport(): boolean {
  running?.abort();
  return running !== null;
}

async function importFromDialog(ctx: MenuContext, kind: ImportKind): Promise<void> {
  const win = ctx.getWindow();
  if (running) {
    reportError('Import', new Error('An import is already running; wait for it to finish or cancel it first.'));
    return;
  }
  const properties: OpenDialogOptions['properties'] =
    kind === 'folder' ? ['openDirectory', 'multiSelections'] : kind === 'files' ? ['openFile', 'multiSelections'] : ['openFile', 'openDirectory', 'multiSelections'];
  try {
    const paths = await showOpen(win, {
      title: kind === 'folder' ? 'Import a folder of documents' : 'Import documents',
      buttonLabel: 'Import',
      properties,
      filters: kind === 'folder' ? undefined : DOCUMENT_FILTERS,
    });
    if (paths.length === 0) return;
    running = new AbortController();
    let progress = { done: 0, total: 0 };
    const report = await ctx.lib.importPaths(paths, {
      signal: running.signal,
      onProgress: ({ done, total }) => {
        progress = { done, total };
        const current = ctx.getWindow();
        sendEvent(current, 'import:progress', progress);
        if (current && !current.isDestroyed()) current.setProgressBar(total > 0 ? done / total : -1);
      },
    });
    const message = running.signal.aborted
      ? `Import cancelled: ${progress.done} of ${progress.total} files were read; the others were left alone.`
      : undefined;
    sendEvent(ctx.getWindow(), 'library:changed', { report, message });
  } catch (err) {
    reportError('Import failed', err);
  } finally {
    running = null;
    const current = ctx.getWindow();
    if (current && !current.isDestroyed()) current.setProgressBar(-1);
  }
}

async function exportFromDialog(ctx: MenuContext): Promise<void> {
  const win = ctx.getWindow();
  try {
    const [outDir] = await showOpen(win, {
      title: 'Export notes to Markdown: choose a folder',
      buttonLabel: 'Export here',
      properties: ['openDirectory', 'createDirectory'],
    });
    if (!outDir) return;
    const report = await ctx.lib.exportMarkdown(outDir);
    const count = report.files.length;
    const message = `Exported ${count} ${count === 1 ? 'document' : 'documents'} to ${report.dir}`;
    sendEvent(ctx.getWindow(), 'library:changed', { message });
    const box = { type: 'info' as const, title: 'Export to Markdown', message, buttons: ['OK'] };
    if (win) await dialog.showMessageBox(win, box);
    else await dialog.showMessageBox(box);
  } catch (err) {
    reportError('Export failed', err);
  }
}

function showAbout(ctx: MenuContext): void {
  const box = {
    type: 'info' as const,
    title: 'About Gloss',
    message: `Gloss ${app.getVersion()}`,
    detail: 'Read your own documents offline: highlight, note, tag, find and export to Markdown.',
    buttons: ['OK'],
  };
  const win = ctx.getWindow();
  void (win ? dialog.showMessageBox(win, box) : dialog.showMessageBox(box));
}

export function buildAppMenu(ctx: MenuContext, platform: NodeJS.Platform = process.platform, packaged: boolean = app.isPackaged): Menu {
  const actions: MenuActions = {
    importFiles: () => void importFromDialog(ctx, 'files'),
    importFolder: () => void importFromDialog(ctx, 'folder'),
    importAny: () => void importFromDialog(ctx, 'both'),
    exportMarkdown: () => void exportFromDialog(ctx),
    about: () => showAbout(ctx),
  };
  return Menu.buildFromTemplate(menuTemplate({ platform, packaged, actions }));
}
