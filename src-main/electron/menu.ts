// The application menu. Its items go through the same handler table as the UI (`invoke` is dispatch
// with the contract's validation): Import… starts a core job whose progress and result reach the
// window as the same job events the UI's own imports send; Export… does the same and then says where
// the files went. The menu's shape (which items, per platform and build) is menu-template.ts.
import { app, dialog, Menu, type BrowserWindow, type OpenDialogOptions } from 'electron';
import type { HistoryState, JobResult } from '../core/model';
import { steppedTextSize, THEMES, type ReadingSettings, type ReadingSettingsChange, type TextSizeStep, type Theme } from '../core/settings';
import type { Channel, EventPayload, HistoryStep, Input, Result } from '../ipc/contract';
import { importDialogFilters, menuTemplate, themeItemId, type MenuActions } from './menu-template';

export interface MenuContext {
  /** a contract call through the handler table, answering a Result */
  invoke<C extends Channel>(channel: C, input: Input<C>): Promise<Result<unknown>>;
  /** a job's result, once it has finished */
  jobFinished(jobId: string): Promise<JobResult>;
  getWindow(): BrowserWindow | null;
  /** the reading settings now (View › Theme's check, Text Size's starting point) */
  readingSettings(): ReadingSettings;
  /** ask the window to show its Reading settings panel */
  showReadingSettings(): void;
  /** tell the window that Edit › Undo or Redo ran, so it says what and refreshes */
  historyChanged(change: EventPayload<'history:changed'>): void;
  /** what Undo and Redo would do now (Edit's labels) */
  historyState(): HistoryState;
}

async function showOpen(win: BrowserWindow | null, options: OpenDialogOptions): Promise<string[]> {
  const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return result.canceled ? [] : result.filePaths;
}

async function showInfo(win: BrowserWindow | null, title: string, message: string): Promise<void> {
  const box = { type: 'info' as const, title, message, buttons: ['OK'] };
  await (win ? dialog.showMessageBox(win, box) : dialog.showMessageBox(box));
}

/** Start a job through the handlers; a refusal (read-only library, bad path) is shown at once. */
async function startJob<C extends 'job:importPaths' | 'job:export'>(
  ctx: MenuContext,
  title: string,
  channel: C,
  input: Input<C>,
): Promise<string | null> {
  const result = await ctx.invoke(channel, input);
  if (result.ok) return (result.value as { jobId: string }).jobId;
  dialog.showErrorBox(title, result.message);
  return null;
}

// macOS lets one dialog pick files and folders together; Linux and Windows cannot mix them.
type ImportKind = 'files' | 'folder' | 'both';

async function importFromDialog(ctx: MenuContext, kind: ImportKind): Promise<void> {
  const properties: OpenDialogOptions['properties'] =
    kind === 'folder'
      ? ['openDirectory', 'multiSelections']
      : kind === 'files'
        ? ['openFile', 'multiSelections']
        : ['openFile', 'openDirectory', 'multiSelections'];
  const paths = await showOpen(ctx.getWindow(), {
    title: kind === 'folder' ? 'Import a folder of documents' : 'Import documents',
    buttonLabel: 'Import',
    properties,
    filters: kind === 'folder' ? undefined : importDialogFilters(),
  });
  if (paths.length === 0) return;
  // Progress, Cancel and the report appear in the window through the job events.
  await startJob(ctx, 'Import failed', 'job:importPaths', { paths });
}

async function exportFromDialog(ctx: MenuContext): Promise<void> {
  const [outDir] = await showOpen(ctx.getWindow(), {
    title: 'Export notes to Markdown: choose a folder',
    buttonLabel: 'Export here',
    properties: ['openDirectory', 'createDirectory'],
  });
  if (!outDir) return;
  const jobId = await startJob(ctx, 'Export failed', 'job:export', { format: 'markdown', outDir });
  if (!jobId) return;
  const result = await ctx.jobFinished(jobId);
  if (result.outcome === 'failed') dialog.showErrorBox('Export failed', result.message);
  else await showInfo(ctx.getWindow(), 'Export to Markdown', result.message);
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

/** View's reading items go through the handlers like the UI's own changes; every window then hears of it. */
async function changeReadingSettings(ctx: MenuContext, change: ReadingSettingsChange): Promise<void> {
  const result = await ctx.invoke('settings:set', change);
  if (!result.ok) dialog.showErrorBox('Reading settings', result.message);
}

function changeTextSize(ctx: MenuContext, step: TextSizeStep): Promise<void> {
  return changeReadingSettings(ctx, { textSize: steppedTextSize(ctx.readingSettings().textSize, step) });
}

/** Check the theme chosen elsewhere (the panel, another window) in View › Theme. */
export function checkTheme(menu: Menu, theme: Theme): void {
  for (const t of THEMES) {
    const item = menu.getMenuItemById(themeItemId(t));
    if (item) item.checked = t === theme;
  }
}

/** Edit › Undo / Redo: the core's step, through the handlers; the window hears what it did. */
async function historyStep(ctx: MenuContext, action: 'undo' | 'redo'): Promise<void> {
  const result = await ctx.invoke(action === 'undo' ? 'history:undo' : 'history:redo', {});
  if (!result.ok) {
    dialog.showErrorBox(action === 'undo' ? 'Undo' : 'Redo', result.message);
    return;
  }
  ctx.historyChanged({ action, step: result.value as HistoryStep });
}

function reportUnexpected(title: string) {
  return (err: unknown) => dialog.showErrorBox(title, err instanceof Error ? err.message : String(err));
}

export function buildAppMenu(ctx: MenuContext, platform: NodeJS.Platform = process.platform, packaged: boolean = app.isPackaged): Menu {
  const actions: MenuActions = {
    importFiles: () => void importFromDialog(ctx, 'files').catch(reportUnexpected('Import failed')),
    importFolder: () => void importFromDialog(ctx, 'folder').catch(reportUnexpected('Import failed')),
    importAny: () => void importFromDialog(ctx, 'both').catch(reportUnexpected('Import failed')),
    exportMarkdown: () => void exportFromDialog(ctx).catch(reportUnexpected('Export failed')),
    about: () => showAbout(ctx),
    setTheme: (theme) => void changeReadingSettings(ctx, { theme }).catch(reportUnexpected('Reading settings')),
    textSize: (step) => void changeTextSize(ctx, step).catch(reportUnexpected('Reading settings')),
    readingSettings: () => ctx.showReadingSettings(),
    undo: () => void historyStep(ctx, 'undo').catch(reportUnexpected('Undo')),
    redo: () => void historyStep(ctx, 'redo').catch(reportUnexpected('Redo')),
  };
  return Menu.buildFromTemplate(menuTemplate({ platform, packaged, actions, theme: ctx.readingSettings().theme, history: ctx.historyState() }));
}
