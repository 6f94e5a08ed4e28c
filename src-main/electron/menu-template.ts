// The application menu's shape, as data: no runtime import from 'electron', so unit tests can check
// which items each platform and build gets. menu.ts builds it with Menu.buildFromTemplate.
import type { MenuItemConstructorOptions } from 'electron';
import { IMPORT_FORMATS } from '../core/formats/catalog';

/** What the menu's own items do; the host supplies them (native dialogs live in menu.ts). */
export interface MenuActions {
  /** Linux/Windows: pick files */
  importFiles(): void;
  /** Linux/Windows: pick folders */
  importFolder(): void;
  /** macOS: one dialog picks files and folders together */
  importAny(): void;
  exportMarkdown(): void;
  about(): void;
}

export interface MenuTemplateOptions {
  platform: NodeJS.Platform;
  /** app.isPackaged: a packaged build has no Reload and no DevTools */
  packaged: boolean;
  actions: MenuActions;
}

export function menuTemplate({ platform, packaged, actions }: MenuTemplateOptions): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  // macOS lets one dialog pick files and folders together; Linux and Windows cannot mix them.
  const importItems: MenuItemConstructorOptions[] = isMac
    ? [{ label: 'Import…', accelerator: 'CmdOrCtrl+O', click: () => actions.importAny() }]
    : [
        { label: 'Import Files…', accelerator: 'CmdOrCtrl+O', click: () => actions.importFiles() },
        { label: 'Import Folder…', accelerator: 'CmdOrCtrl+Shift+O', click: () => actions.importFolder() },
      ];

  const developerItems: MenuItemConstructorOptions[] = packaged ? [] : [{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }];

  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        ...importItems,
        { label: 'Export to Markdown…', accelerator: 'CmdOrCtrl+E', click: () => actions.exportMarkdown() },
        { type: 'separator' },
        { role: 'quit', label: 'Quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        ...developerItems,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [{ label: 'About Gloss', click: () => actions.about() }],
    },
  ];
}

/** The file chooser's filters, from the importer registry's one list: all supported files, each format, anything. */
export function importDialogFilters(): { name: string; extensions: string[] }[] {
  const bare = (exts: readonly string[]) => exts.map((e) => e.replace(/^\./, ''));
  return [
    { name: 'Documents Gloss can import', extensions: bare(IMPORT_FORMATS.flatMap((f) => f.extensions)) },
    ...IMPORT_FORMATS.map((f) => ({ name: f.label, extensions: bare(f.extensions) })),
    { name: 'All files', extensions: ['*'] },
  ];
}
