// The application menu's items per platform and build: labels, accelerators, roles, and that each
// click calls the right action. A packaged build offers no Reload and no DevTools.
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { IMPORT_EXTENSIONS, IMPORT_FORMATS } from '../../src-main/core/formats/catalog';
import { importDialogFilters, menuTemplate, type MenuActions } from '../../src-main/electron/menu-template';

type Spy = ReturnType<typeof vi.fn<() => void>>;

function fakeActions(): { [K in keyof MenuActions]: Spy } {
  return {
    importFiles: vi.fn<() => void>(),
    importFolder: vi.fn<() => void>(),
    importAny: vi.fn<() => void>(),
    exportMarkdown: vi.fn<() => void>(),
    about: vi.fn<() => void>(),
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
    expect(shape(template)).toEqual(['appMenu', '&File', 'editMenu', '&View', 'windowMenu', 'help']);
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
      expect(shape(template)).toEqual(['&File', 'editMenu', '&View', 'windowMenu', 'help']);
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
      expect(shape(view)).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'separator', 'togglefullscreen']);
    });

    it(`${platform} unpackaged: Reload and Toggle Developer Tools in View`, () => {
      const template = menuTemplate({ platform, packaged: false, actions: fakeActions() });
      const view = submenuOf(top(template, '&View'));
      expect(shape(view)).toEqual(['reload', 'toggleDevTools', 'separator', 'resetZoom', 'zoomIn', 'zoomOut', 'separator', 'togglefullscreen']);
    });
  }

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
