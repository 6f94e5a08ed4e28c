// The application menu's items per platform and build: labels, accelerators, roles, and that each
// click calls the right action. A packaged build offers no Reload and no DevTools. View offers the
// reader's settings: the theme, the text size with its keys, and the Reading settings panel.
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi, type Mock } from 'vitest';
import { IMPORT_EXTENSIONS, IMPORT_FORMATS } from '../../src-main/core/formats/catalog';
import { THEMES, type Theme } from '../../src-main/core/settings';
import { importDialogFilters, menuTemplate, themeItemId, type MenuActions } from '../../src-main/electron/menu-template';

function fakeActions(): { [K in keyof MenuActions]: Mock<MenuActions[K]> } {
  return {
    importFiles: vi.fn(),
    importFolder: vi.fn(),
    importAny: vi.fn(),
    exportMarkdown: vi.fn(),
    about: vi.fn(),
    setTheme: vi.fn(),
    textSize: vi.fn(),
    readingSettings: vi.fn(),
    undo: vi.fn(),
    redo: vi.fn(),
  };
}

type Item = MenuItemConstructorOptions;

function submenuOf(item: Item | undefined): Item[] {
  if (!item || !Array.isArray(item.submenu)) throw new Error(`no submenu on ${item?.label ?? item?.role}`);
  return item.submenu as Item[];
}

function top(template: Item[], name: string): Item | undefined {
  return template.find((item) => item.label === name || item.role === name);
}

function byLabel(items: Item[], label: string): Item {
  const found = items.find((item) => item.label === label);
  if (!found) throw new Error(`no item labelled ${label}`);
  return found;
}

function click(item: Item): void {
  (item.click as unknown as () => void)();
}

/** Every role anywhere in the template, depth first. */
function roles(items: Item[]): string[] {
  return items.flatMap((item) => [...(item.role ? [item.role] : []), ...(Array.isArray(item.submenu) ? roles(item.submenu as Item[]) : [])]);
}

function shape(items: Item[]): string[] {
  return items.map((item) => item.label ?? item.role ?? item.type ?? '?');
}

const PLATFORMS: NodeJS.Platform[] = ['darwin', 'linux', 'win32'];

describe('menuTemplate', () => {
  it('macOS: app menu first, one Import… for files and folders', () => {
    const actions = fakeActions();
    const template = menuTemplate({ platform: 'darwin', packaged: true, actions });
    expect(shape(template)).toEqual(['appMenu', '&File', '&Edit', '&View', 'windowMenu', 'help']);
    const file = submenuOf(top(template, '&File'));
    expect(shape(file)).toEqual(['Import…', 'Export to Markdown…', 'separator', 'Quit']);
    const importItem = byLabel(file, 'Import…');
    expect(importItem.accelerator).toBe('CmdOrCtrl+O');
    click(importItem);
    expect(actions.importAny).toHaveBeenCalledTimes(1);
    expect(actions.importFiles).not.toHaveBeenCalled();
    expect(actions.importFolder).not.toHaveBeenCalled();
  });

  for (const platform of ['linux', 'win32'] as const) {
    it(`${platform}: no app menu, separate Import Files… and Import Folder…`, () => {
      const actions = fakeActions();
      const template = menuTemplate({ platform, packaged: true, actions });
      expect(shape(template)).toEqual(['&File', '&Edit', '&View', 'windowMenu', 'help']);
      const file = submenuOf(top(template, '&File'));
      expect(shape(file)).toEqual(['Import Files…', 'Import Folder…', 'Export to Markdown…', 'separator', 'Quit']);

      const files = byLabel(file, 'Import Files…');
      expect(files.accelerator).toBe('CmdOrCtrl+O');
      click(files);
      expect(actions.importFiles).toHaveBeenCalledTimes(1);

      const folder = byLabel(file, 'Import Folder…');
      expect(folder.accelerator).toBe('CmdOrCtrl+Shift+O');
      click(folder);
      expect(actions.importFolder).toHaveBeenCalledTimes(1);
      expect(actions.importAny).not.toHaveBeenCalled();
    });
  }

  for (const platform of PLATFORMS) {
    it(`${platform}: Export, Quit and About do what they say`, () => {
      const actions = fakeActions();
      const template = menuTemplate({ platform, packaged: false, actions });
      const file = submenuOf(top(template, '&File'));
      const exportItem = byLabel(file, 'Export to Markdown…');
      expect(exportItem.accelerator).toBe('CmdOrCtrl+E');
      click(exportItem);
      expect(actions.exportMarkdown).toHaveBeenCalledTimes(1);
      expect(file.find((item) => item.role === 'quit')?.label).toBe('Quit');

      const help = submenuOf(top(template, 'help'));
      expect(shape(help)).toEqual(['About Gloss']);
      click(byLabel(help, 'About Gloss'));
      expect(actions.about).toHaveBeenCalledTimes(1);

      expect(actions.importFiles).not.toHaveBeenCalled();
      expect(actions.importFolder).not.toHaveBeenCalled();
      expect(actions.importAny).not.toHaveBeenCalled();
    });

    it(`${platform} packaged: no Reload, no DevTools anywhere`, () => {
      const template = menuTemplate({ platform, packaged: true, actions: fakeActions() });
      const all = roles(template).map((role) => role.toLowerCase());
      expect(all).not.toContain('toggledevtools');
      expect(all).not.toContain('reload');
      expect(all).not.toContain('forcereload');
      const view = submenuOf(top(template, '&View'));
      expect(shape(view)).toEqual(['Theme', 'Text Size', 'Reading Settings…', 'separator', 'togglefullscreen']);
    });

    it(`${platform} unpackaged: Reload and Toggle Developer Tools in View`, () => {
      const template = menuTemplate({ platform, packaged: false, actions: fakeActions() });
      const view = submenuOf(top(template, '&View'));
      expect(shape(view)).toEqual([
        'reload',
        'toggleDevTools',
        'separator',
        'Theme',
        'Text Size',
        'Reading Settings…',
        'separator',
        'togglefullscreen',
      ]);
    });

    it(`${platform}: View › Theme offers the four themes as radio items, the current one checked`, () => {
      for (const current of THEMES) {
        const actions = fakeActions();
        const view = submenuOf(top(menuTemplate({ platform, packaged: true, actions, theme: current }), '&View'));
        const themes = submenuOf(byLabel(view, 'Theme'));
        expect(shape(themes)).toEqual(['Follow the system', 'Light', 'Sepia', 'Dark']);
        expect(themes.every((item) => item.type === 'radio')).toBe(true);
        expect(themes.filter((item) => item.checked).map((item) => item.id)).toEqual([themeItemId(current)]);
        themes.forEach(click);
        expect(actions.setTheme.mock.calls.map(([theme]) => theme)).toEqual<Theme[]>(['system', 'light', 'sepia', 'dark']);
      }
      // Without a theme (before the settings are known), "Follow the system" is checked: the default.
      const themes = submenuOf(byLabel(submenuOf(top(menuTemplate({ platform, packaged: true, actions: fakeActions() }), '&View')), 'Theme'));
      expect(themes.find((item) => item.checked)?.label).toBe('Follow the system');
    });

    it(`${platform}: View › Text Size is Larger, Smaller, Reset on CmdOrCtrl + Plus, -, 0`, () => {
      const actions = fakeActions();
      const view = submenuOf(top(menuTemplate({ platform, packaged: false, actions }), '&View'));
      const size = submenuOf(byLabel(view, 'Text Size'));
      const shown = size.filter((item) => item.visible !== false);
      expect(shown.map((item) => [item.label, item.accelerator])).toEqual([
        ['Larger', 'CmdOrCtrl+Plus'],
        ['Smaller', 'CmdOrCtrl+-'],
        ['Reset', 'CmdOrCtrl+0'],
      ]);
      // "+" is Shift+"=" on most keyboards: a hidden twin takes CmdOrCtrl+= for Larger.
      const twin = size.find((item) => item.visible === false);
      expect(twin).toMatchObject({ label: 'Larger', accelerator: 'CmdOrCtrl+=', acceleratorWorksWhenHidden: true });
      size.forEach(click);
      expect(actions.textSize.mock.calls.map(([step]) => step)).toEqual(['larger', 'larger', 'smaller', 'reset']);
      click(byLabel(view, 'Reading Settings…'));
      expect(actions.readingSettings).toHaveBeenCalledTimes(1);
      expect(actions.setTheme).not.toHaveBeenCalled();
    });

    it(`${platform}: no page zoom roles, which would take the text size's keys`, () => {
      const all = roles(menuTemplate({ platform, packaged: false, actions: fakeActions() })).map((role) => role.toLowerCase());
      for (const zoom of ['resetzoom', 'zoomin', 'zoomout']) expect(all).not.toContain(zoom);
    });
  }

  for (const platform of PLATFORMS) {
    it(`${platform}: Edit › Undo and Redo run the core's history, then the standard editing roles`, () => {
      const actions = fakeActions();
      const edit = submenuOf(top(menuTemplate({ platform, packaged: true, actions }), '&Edit'));
      const mac = platform === 'darwin';
      expect(shape(edit)).toEqual([
        'Undo',
        'Redo',
        'separator',
        'cut',
        'copy',
        'paste',
        ...(mac ? ['pasteAndMatchStyle'] : []),
        'delete',
        'separator',
        'selectAll',
      ]);
      const undo = byLabel(edit, 'Undo');
      const redo = byLabel(edit, 'Redo');
      // Not the page's undo role: a click calls the core's Undo and Redo.
      expect(undo.role).toBeUndefined();
      expect(redo.role).toBeUndefined();
      expect(undo.accelerator).toBe('CmdOrCtrl+Z');
      expect(redo.accelerator).toBe(mac ? 'Cmd+Shift+Z' : 'Ctrl+Y');
      // Shown, not registered: the window takes the keys, so a text field keeps its own undo.
      expect(undo.registerAccelerator).toBe(false);
      expect(redo.registerAccelerator).toBe(false);
      click(undo);
      expect(actions.undo).toHaveBeenCalledTimes(1);
      expect(actions.redo).not.toHaveBeenCalled();
      click(redo);
      expect(actions.redo).toHaveBeenCalledTimes(1);
      expect(actions.undo).toHaveBeenCalledTimes(1);
      const all = roles(edit).map((role) => role.toLowerCase());
      expect(all).not.toContain('undo');
      expect(all).not.toContain('redo');
    });
  }

  it('Edit names what Undo and Redo would do, and greys out what there is nothing for', () => {
    const edit = (history?: Parameters<typeof menuTemplate>[0]['history']) =>
      submenuOf(top(menuTemplate({ platform: 'linux', packaged: true, actions: fakeActions(), history }), '&Edit'));
    const [undo, redo] = edit({ canUndo: true, canRedo: false, undoLabel: 'Undo highlight colour' });
    expect([undo!.label, undo!.enabled]).toEqual(['Undo highlight colour', true]);
    expect([redo!.label, redo!.enabled]).toEqual(['Redo', false]);
    const [undo2, redo2] = edit({ canUndo: false, canRedo: true, redoLabel: 'Redo delete document' });
    expect([undo2!.label, undo2!.enabled]).toEqual(['Undo', false]);
    expect([redo2!.label, redo2!.enabled]).toEqual(['Redo delete document', true]);
    // Not known yet: both offered, plainly named.
    const [undo3, redo3] = edit();
    expect([undo3!.label, undo3!.enabled, redo3!.label, redo3!.enabled]).toEqual(['Undo', true, 'Redo', true]);
  });

  it('no two items in a menu share an accelerator', () => {
    for (const platform of PLATFORMS) {
      for (const packaged of [true, false]) {
        for (const menu of menuTemplate({ platform, packaged, actions: fakeActions() })) {
          if (!Array.isArray(menu.submenu)) continue;
          const accelerators = (menu.submenu as Item[]).map((item) => item.accelerator).filter(Boolean);
          expect(new Set(accelerators).size, `${platform} ${String(menu.label ?? menu.role)}`).toBe(accelerators.length);
        }
      }
    }
  });

  it('no accelerator is used twice anywhere in the menu bar', () => {
    const accelerators = (items: Item[]): string[] =>
      items.flatMap((item) => [
        ...(typeof item.accelerator === 'string' ? [item.accelerator] : []),
        ...(Array.isArray(item.submenu) ? accelerators(item.submenu as Item[]) : []),
      ]);
    for (const platform of PLATFORMS) {
      const all = accelerators(menuTemplate({ platform, packaged: false, actions: fakeActions() }));
      expect(all).toContain('CmdOrCtrl+0');
      expect(new Set(all).size, platform).toBe(all.length);
    }
  });

  it('building the template calls no action', () => {
    const actions = fakeActions();
    for (const platform of PLATFORMS) menuTemplate({ platform, packaged: false, actions });
    for (const fn of Object.values(actions)) expect(fn).not.toHaveBeenCalled();
  });

  it("offers the importer registry's formats in the file chooser, then anything", () => {
    const filters = importDialogFilters();
    expect(filters[0]).toEqual({ name: 'Documents Gloss can import', extensions: IMPORT_EXTENSIONS.map((e) => e.slice(1)) });
    expect(filters.slice(1, -1).map((f) => f.name)).toEqual(IMPORT_FORMATS.map((f) => f.label));
    expect(filters.at(-1)).toEqual({ name: 'All files', extensions: ['*'] });
  });
});
