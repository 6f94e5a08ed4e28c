// The application menu's shape, as data: no runtime import from 'electron', so unit tests can check
// which items each platform and build gets. menu.ts builds it with Menu.buildFromTemplate.
import type { MenuItemConstructorOptions } from 'electron';
import { IMPORT_FORMATS } from '../core/formats/catalog';
import type { HistoryState } from '../core/model';
import { THEME_LABELS, THEMES, type Theme, type TextSizeStep } from '../core/settings';

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
  /** View › Theme: one of the reading themes */
  setTheme(theme: Theme): void;
  /** View › Text Size: Larger, Smaller or Reset */
  textSize(step: TextSizeStep): void;
  /** View › Reading Settings…: the window shows its settings panel */
  readingSettings(): void;
  /** Edit › Undo: the core's last change (a highlight, tags, a rename, a delete), not the page's */
  undo(): void;
  /** Edit › Redo: the core's last undone change */
  redo(): void;
}

export interface MenuTemplateOptions {
  platform: NodeJS.Platform;
  /** app.isPackaged: a packaged build has no Reload and no DevTools */
  packaged: boolean;
  actions: MenuActions;
  /** the reading theme now, checked in View › Theme (menu.ts keeps it current after a change) */
  theme?: Theme;
  /** what Undo and Redo would do now: Edit names it ("Undo highlight colour") or is greyed out */
  history?: HistoryState;
}

/** The id of View › Theme's radio item for a theme, to check it when the theme changes elsewhere. */
export const themeItemId = (theme: Theme): string => `theme-${theme}`;

/**
 * View's reading items: the same choices as the reader's Reading settings panel. Text Size's keys are
 * the ones every reader knows for zoom; they change the reading text, so the page zoom roles (which
 * would take the same keys) are not offered.
 */
function readingItems(actions: MenuActions, theme: Theme): MenuItemConstructorOptions[] {
  return [
    {
      label: 'Theme',
      submenu: THEMES.map((t) => ({
        id: themeItemId(t),
        label: THEME_LABELS[t],
        type: 'radio' as const,
        checked: t === theme,
        click: () => actions.setTheme(t),
      })),
    },
    {
      label: 'Text Size',
      submenu: [
        { label: 'Larger', accelerator: 'CmdOrCtrl+Plus', click: () => actions.textSize('larger') },
        // Where "+" needs Shift (most layouts), the key pressed is "="; this hidden twin takes it.
        { label: 'Larger', accelerator: 'CmdOrCtrl+=', visible: false, acceleratorWorksWhenHidden: true, click: () => actions.textSize('larger') },
        { label: 'Smaller', accelerator: 'CmdOrCtrl+-', click: () => actions.textSize('smaller') },
        { label: 'Reset', accelerator: 'CmdOrCtrl+0', click: () => actions.textSize('reset') },
      ],
    },
    { label: 'Reading Settings…', click: () => actions.readingSettings() },
  ];
}

/**
 * Edit: Undo and Redo of the core's history, then the standard editing roles. Their keys are shown but
 * not registered (`registerAccelerator: false`): the window handles Ctrl/Cmd+Z itself, so that in a
 * text field the field's own undo still applies; a click on the item always runs the core's step.
 */
function editMenu(actions: MenuActions, isMac: boolean, history: HistoryState | undefined): MenuItemConstructorOptions {
  return {
    label: '&Edit',
    submenu: [
      {
        label: history?.undoLabel ?? 'Undo',
        enabled: history?.canUndo ?? true,
        accelerator: 'CmdOrCtrl+Z',
        registerAccelerator: false,
        click: () => actions.undo(),
      },
      {
        label: history?.redoLabel ?? 'Redo',
        enabled: history?.canRedo ?? true,
        accelerator: isMac ? 'Cmd+Shift+Z' : 'Ctrl+Y',
        registerAccelerator: false,
        click: () => actions.redo(),
      },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(isMac ? [{ role: 'pasteAndMatchStyle' as const }] : []),
      { role: 'delete' },
      { type: 'separator' },
      { role: 'selectAll' },
    ],
  };
}

export function menuTemplate({ platform, packaged, actions, theme = 'system', history }: MenuTemplateOptions): MenuItemConstructorOptions[] {
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
    editMenu(actions, isMac, history),
    {
      label: '&View',
      submenu: [...developerItems, ...readingItems(actions, theme), { type: 'separator' }, { role: 'togglefullscreen' }],
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
