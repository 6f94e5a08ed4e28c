// The desktop host: one window over the handler table, native dialogs, the menu, and the walls
// from security.ts. The library is opened once per app and closed (lock released) on quit.
import { join, resolve } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, shell, type IpcMainInvokeEvent } from 'electron';
import { GlossError } from '../core/errors';
import { Library } from '../core/library';
import { isAllowedExternalUrl } from '../core/links';
import { createHandlers, dispatch, type HostServices } from '../handlers';
import { IPC_EVENT, IPC_INVOKE, type Result } from '../ipc/contract';
import { registerAppScheme, serveApp } from './app-protocol';
import { buildAppMenu, checkTheme, type MenuContext } from './menu';
import { isTrustedSender, progressBarValue } from './policy';
import { APP_START_URL } from './protocol';
import { installSessionSecurity, installWebContentsSecurity } from './security';

const PRELOAD = join(import.meta.dirname, '..', 'preload', 'index.cjs');
/** The built renderer: the only folder app://gloss serves. */
const RENDERER_DIR = join(import.meta.dirname, '..', 'renderer');
const DEV_URL = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const DEV_ORIGIN = DEV_URL ? new URL(DEV_URL).origin : undefined;

/** `--data <dir>` or `--data=<dir>` on the command line; tests and power users point Gloss elsewhere. */
function dataDirFromArgv(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--data' && argv[i + 1]) return resolve(argv[i + 1]);
    if (argv[i].startsWith('--data=')) return resolve(argv[i].slice('--data='.length));
  }
  return undefined;
}

// Launched as `electron out/main/index.js` the app would be called "Electron"; pin the name and the
// userData folder so the data folder is the one the CLI and browser mode default to (core/paths.ts).
app.setName('Gloss');
app.setPath('userData', join(app.getPath('appData'), 'Gloss'));
// Before 'ready': app:// must be a standard, secure scheme from the start.
registerAppScheme();

let mainWindow: BrowserWindow | null = null;
let lib: Library | null = null;

/** Only our own page in our own window may call the handlers: not a subframe, not another window. */
function senderIsTrusted(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  const win = mainWindow;
  const senderIsMainWindow = !!win && !win.isDestroyed() && event.sender === win.webContents;
  const top = senderIsMainWindow && win ? win.webContents.mainFrame : null;
  const frameIsTopFrame = !!frame && !!top && frame.parent === null && frame.processId === top.processId && frame.routingId === top.routingId;
  return isTrustedSender({ senderIsMainWindow, frameIsTopFrame, frameUrl: frame?.url ?? '' }, DEV_ORIGIN);
}

async function confirmAndOpenExternal(url: string): Promise<void> {
  if (!isAllowedExternalUrl(url)) throw new GlossError('invalid_input', 'Only http, https and mailto links can be opened outside Gloss.');
  const box = {
    type: 'question' as const,
    title: 'Open link',
    // The one question before a link leaves Gloss (the page does not ask first on desktop).
    message: 'Open this link in your browser?',
    detail: url,
    buttons: ['Open', 'Cancel'],
    defaultId: 0,
    cancelId: 1,
  };
  const win = mainWindow && !mainWindow.isDestroyed() ? mainWindow : null;
  const { response } = win ? await dialog.showMessageBox(win, box) : await dialog.showMessageBox(box);
  if (response === 0) await shell.openExternal(url);
}

const services: HostServices = {
  kind: 'desktop',
  async pickFolder(title) {
    const options = { title: title ?? 'Choose a folder', properties: ['openDirectory' as const, 'createDirectory' as const] };
    const win = mainWindow && !mainWindow.isDestroyed() ? mainWindow : null;
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  },
  openExternal: confirmAndOpenExternal,
};

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1200,
    height: 860,
    minWidth: 640,
    minHeight: 480,
    title: 'Gloss',
    show: false,
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      // A packaged build has no DevTools at all (the menu offers none either).
      devTools: !app.isPackaged,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(DEV_URL ?? APP_START_URL);
  return win;
}

async function openLibrary(dataDir: string): Promise<Library | null> {
  try {
    return await Library.open(dataDir, {
      holder: 'desktop app',
      indexInBackground: true,
      resourcesDir: app.isPackaged ? join(process.resourcesPath, 'resources') : undefined,
    });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (!(err instanceof GlossError)) console.error('[gloss] could not open the library:', err);
    dialog.showErrorBox(err instanceof GlossError && err.code === 'locked' ? 'Gloss library is in use' : 'Gloss cannot open its library', message);
    return null;
  }
}

async function start(): Promise<void> {
  await app.whenReady();
  const dataDir = dataDirFromArgv(process.argv) ?? join(app.getPath('userData'), 'library');
  lib = await openLibrary(dataDir);
  if (!lib) {
    app.exit(1);
    return;
  }
  const opened = lib;

  installSessionSecurity({ devOrigin: DEV_ORIGIN });
  serveApp(RENDERER_DIR, (documentId, name) => opened.documents.asset(documentId, name));

  const handlers = createHandlers(opened, services);
  ipcMain.handle(IPC_INVOKE, async (event, channel: unknown, input: unknown): Promise<Result<unknown>> => {
    if (!senderIsTrusted(event)) return { ok: false, code: 'invalid_input', message: 'Refused: unknown sender' };
    return dispatch(handlers, channel as string, input);
  });

  const liveWindow = () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : null);
  // Job progress and results go to the window (the UI's status line) and to the taskbar's progress bar.
  opened.jobs.on((event) => {
    const win = liveWindow();
    if (!win) return;
    win.webContents.send(IPC_EVENT, event.name, event.payload);
    win.setProgressBar(progressBarValue(event));
  });
  const menuContext: MenuContext = {
    invoke: (channel, input) => dispatch(handlers, channel, input),
    jobFinished: (jobId) => opened.jobs.wait(jobId) ?? Promise.reject(new Error('That job is no longer running.')),
    getWindow: liveWindow,
    readingSettings: () => opened.settings.get(),
    showReadingSettings: () => liveWindow()?.webContents.send(IPC_EVENT, 'settings:openPanel', {}),
    historyChanged: (change) => liveWindow()?.webContents.send(IPC_EVENT, 'history:changed', change),
    historyState: () => opened.history.state(),
  };
  let menu = buildAppMenu(menuContext, process.platform, app.isPackaged);
  Menu.setApplicationMenu(menu);
  // Edit names what Undo and Redo would do, as it changes (a menu's labels are fixed once built).
  opened.history.on(() => {
    menu = buildAppMenu(menuContext, process.platform, app.isPackaged);
    Menu.setApplicationMenu(menu);
  });
  // Reading settings changed (in the window's panel, by its keys, from the menu): the window follows, the menu too.
  opened.settings.on((settings) => {
    liveWindow()?.webContents.send(IPC_EVENT, 'settings:changed', settings);
    checkTheme(menu, settings.theme);
  });
  mainWindow = createWindow();

  app.on('activate', () => {
    if (!mainWindow) mainWindow = createWindow();
  });
}

if (!app.requestSingleInstanceLock()) {
  // Another Gloss is running: it focuses its window (below) and this one leaves quietly.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  installWebContentsSecurity({ devOrigin: DEV_ORIGIN, onExternalLink: (url) => void confirmAndOpenExternal(url).catch(() => {}) });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Close the library (flush, release the data folder's lock) before the process goes away.
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed || !lib) return;
    event.preventDefault();
    const closing = lib;
    lib = null;
    closing
      .close()
      .catch((err: unknown) => console.error('[gloss] closing the library failed:', err))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });

  start().catch((err: unknown) => {
    console.error('[gloss] failed to start:', err);
    dialog.showErrorBox('Gloss failed to start', err instanceof Error ? err.message : String(err));
    app.exit(1);
  });
}
