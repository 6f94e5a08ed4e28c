// Reading settings in the core: settings.json beside library.json, for every window and host. Defaults
// when there is none, changes saved durably and refused out of range with the range, a damaged file
// moved aside, what this build does not know kept, and a read-only library keeping them for the session.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Library } from '../../src-main/core/library';
import { DEFAULT_READING_SETTINGS, steppedTextSize, type ReadingSettings } from '../../src-main/core/settings';
import { SCHEMA_VERSION } from '../../src-main/core/store/files';
import { createHandlers, dispatch } from '../../src-main/handlers';
import { fontStack, readingProperties } from '../../src-renderer/settings/css';
import { isTypingTarget, pageHandlesTextSizeKeys, textSizeStepOf, type KeyPress } from '../../src-renderer/settings/keys';
import { tempDir } from './helpers/temp';

const readJson = async (path: string) => JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;

async function openFresh(files: Record<string, string> = {}) {
  const dir = join(await tempDir(), 'data');
  await (await Library.open(dir, { holder: 'command line' })).close();
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  const lib = await Library.open(dir, { holder: 'command line' });
  return { dir, lib };
}

describe('reading settings', () => {
  it('start at the defaults, and nothing is written until one is changed', async () => {
    const { dir, lib } = await openFresh();
    expect(lib.settings.get()).toEqual(DEFAULT_READING_SETTINGS);
    expect(DEFAULT_READING_SETTINGS).toEqual({ theme: 'system', font: 'serif', textSize: 18, lineHeight: 1.7, columnWidth: 68, justify: false });
    expect(await readdir(dir)).not.toContain('settings.json');
    expect(lib.warnings).toEqual([]);
    await lib.close();
  });

  it('are changed in part, answered in full, saved with their data version and a backup, and read again after a restart', async () => {
    const { dir, lib } = await openFresh();
    const heard: ReadingSettings[] = [];
    lib.settings.on((s) => heard.push(s));
    const after = await lib.settings.set({ theme: 'dark', font: 'sans-serif' });
    expect(after).toEqual({ ...DEFAULT_READING_SETTINGS, theme: 'dark', font: 'sans-serif' });
    await lib.settings.set({ textSize: 22, columnWidth: 90, justify: true, lineHeight: 1.7500000000000002 });
    const expected = { theme: 'dark', font: 'sans-serif', textSize: 22, lineHeight: 1.75, columnWidth: 90, justify: true };
    expect(lib.settings.get()).toEqual(expected);
    // every change is announced with all the settings (the hosts pass it to every window)
    expect(heard).toEqual([after, expected]);

    const stored = await readJson(join(dir, 'settings.json'));
    expect(stored).toEqual({ schema: SCHEMA_VERSION, ...expected });
    expect(await readJson(join(dir, 'settings.json.bak'))).toEqual(stored);
    await lib.close();

    const again = await Library.open(dir, { holder: 'desktop app' });
    expect(again.settings.get()).toEqual(expected);
    await again.close();
  });

  it('keep both of two changes made at once', async () => {
    const { dir, lib } = await openFresh();
    await Promise.all([lib.settings.set({ theme: 'sepia' }), lib.settings.set({ textSize: 26 }), lib.settings.set({ font: 'Noto Serif' })]);
    expect(lib.settings.get()).toMatchObject({ theme: 'sepia', textSize: 26, font: 'Noto Serif' });
    expect(await readJson(join(dir, 'settings.json'))).toMatchObject({ theme: 'sepia', textSize: 26, font: 'Noto Serif' });
    await lib.close();
  });

  it('refuse values out of range with the range in the message, and change nothing', async () => {
    const { dir, lib } = await openFresh();
    await lib.settings.set({ textSize: 20 });
    const refused: [Record<string, unknown>, RegExp][] = [
      [{ textSize: 40 }, /^textSize: Text size must be between 12 and 32 px$/],
      [{ textSize: 11 }, /Text size must be between 12 and 32 px/],
      [{ textSize: 18.5 }, /Text size must be a whole number of pixels/],
      [{ lineHeight: 2.5 }, /Line height must be between 1.2 and 2.2/],
      [{ lineHeight: 1 }, /Line height must be between 1.2 and 2.2/],
      [{ columnWidth: 20 }, /Column width must be between 30 and 120 characters/],
      [{ columnWidth: 500 }, /Column width must be between 30 and 120 characters/],
      [{ theme: 'solarized' }, /^theme: /],
      [{ font: '' }, /A font name cannot be empty/],
      [{ font: 'Evil"; color: red' }, /A font name cannot contain quotes/],
      [{ justify: 'yes' }, /^justify: /],
      [{ textSize: Number.NaN }, /^textSize: /],
      [{ colour: 'red' }, /Unrecognized key.*colour/],
    ];
    for (const [change, message] of refused) {
      const attempt = lib.settings.set(change as never);
      await expect(attempt, JSON.stringify(change)).rejects.toMatchObject({ code: 'invalid_input' });
      await expect(attempt).rejects.toThrow(message);
    }
    // two problems at once are both named
    await expect(lib.settings.set({ textSize: 99, columnWidth: 1 })).rejects.toThrow(/Text size.*; columnWidth: Column width/);
    expect(lib.settings.get()).toEqual({ ...DEFAULT_READING_SETTINGS, textSize: 20 });
    expect((await readJson(join(dir, 'settings.json'))).textSize).toBe(20);
    // the bounds themselves are allowed
    expect(await lib.settings.set({ textSize: 12, lineHeight: 2.2, columnWidth: 30 })).toMatchObject({
      textSize: 12,
      lineHeight: 2.2,
      columnWidth: 30,
    });
    expect(await lib.settings.set({ textSize: 32, lineHeight: 1.2, columnWidth: 120 })).toMatchObject({
      textSize: 32,
      lineHeight: 1.2,
      columnWidth: 120,
    });
    await lib.close();
  });

  it('go through the handlers: settings:get and settings:set, validated by the contract with the same messages', async () => {
    const { lib } = await openFresh();
    const handlers = createHandlers(lib, { kind: 'web' });
    expect(await dispatch(handlers, 'settings:get', {})).toEqual({ ok: true, value: DEFAULT_READING_SETTINGS });
    expect(await dispatch(handlers, 'settings:set', { theme: 'sepia', textSize: 24 })).toEqual({
      ok: true,
      value: { ...DEFAULT_READING_SETTINGS, theme: 'sepia', textSize: 24 },
    });
    expect(await dispatch(handlers, 'settings:set', { textSize: 40 })).toEqual({
      ok: false,
      code: 'invalid_input',
      message: 'Invalid input for settings:set: textSize: Text size must be between 12 and 32 px',
    });
    expect(await dispatch(handlers, 'settings:set', { colour: 'red' })).toMatchObject({ ok: false, code: 'invalid_input' });
    expect(await dispatch(handlers, 'settings:get', { theme: 'dark' })).toMatchObject({ ok: false, code: 'invalid_input' });
    expect(await dispatch(handlers, 'settings:get', {})).toEqual({ ok: true, value: { ...DEFAULT_READING_SETTINGS, theme: 'sepia', textSize: 24 } });
    await lib.close();
  });

  it('from a damaged file are the defaults; the file is moved aside and reported, never overwritten', async () => {
    const { dir, lib } = await openFresh({ 'settings.json': '{"schema": 5, "theme": "da' });
    expect(lib.settings.get()).toEqual(DEFAULT_READING_SETTINGS);
    expect(lib.warnings).toEqual([expect.stringMatching(/^settings\.json could not be read \(not valid JSON\).*moved to settings\.json\.corrupt-/)]);
    const names = await readdir(dir);
    const aside = names.find((n) => n.startsWith('settings.json.corrupt-'));
    expect(aside).toBeDefined();
    expect(await readFile(join(dir, aside!), 'utf8')).toBe('{"schema": 5, "theme": "da');
    expect(names).not.toContain('settings.json');
    // a change is then saved afresh
    await lib.settings.set({ theme: 'dark' });
    expect(await readJson(join(dir, 'settings.json'))).toMatchObject({ theme: 'dark' });
    await lib.close();
  });

  it('that are not an object with a data version count as damaged too; a good backup takes their place', async () => {
    const saved = JSON.stringify({ schema: SCHEMA_VERSION, ...DEFAULT_READING_SETTINGS, theme: 'sepia' });
    const { dir, lib } = await openFresh({ 'settings.json': '["dark"]', 'settings.json.bak': saved });
    expect(lib.settings.get().theme).toBe('sepia');
    expect(lib.warnings[0]).toMatch(
      /^settings\.json could not be read \(unexpected content: not an object with a data version\); it was moved to settings\.json\.corrupt-.* and its backup, which holds the latest save, was restored\.$/,
    );
    expect(await readJson(join(dir, 'settings.json'))).toEqual(JSON.parse(saved));
    await lib.close();
  });

  it('keep what this build does not know: unknown fields, and a value it cannot read, until that setting is changed here', async () => {
    const stored = {
      schema: SCHEMA_VERSION,
      theme: 'solarized',
      font: 'Literata',
      textSize: 21,
      hyphenation: 'auto',
      margins: { top: 3 },
    };
    const { dir, lib } = await openFresh({ 'settings.json': JSON.stringify(stored) });
    // the theme it cannot read is the default here; the rest is read
    expect(lib.settings.get()).toEqual({ ...DEFAULT_READING_SETTINGS, font: 'Literata', textSize: 21 });
    expect(lib.warnings).toEqual([]);

    await lib.settings.set({ textSize: 23 });
    expect(await readJson(join(dir, 'settings.json'))).toEqual({ ...DEFAULT_READING_SETTINGS, ...stored, textSize: 23 });

    await lib.settings.set({ theme: 'dark' });
    const after = await readJson(join(dir, 'settings.json'));
    expect(after).toMatchObject({ theme: 'dark', hyphenation: 'auto', margins: { top: 3 }, textSize: 23, font: 'Literata' });
    await lib.close();
  });

  it('in a read-only library are kept in memory for the session, without a word, and the file is untouched', async () => {
    const stored = JSON.stringify({ schema: SCHEMA_VERSION, ...DEFAULT_READING_SETTINGS, theme: 'sepia' });
    const { dir, lib: writer } = await openFresh({ 'settings.json': stored });
    await writer.close();
    const lib = await Library.open(dir, { holder: 'command line', readOnly: true });
    expect(lib.readOnlyReason).not.toBeNull();
    expect(lib.settings.get().theme).toBe('sepia');
    const heard: ReadingSettings[] = [];
    lib.settings.on((s) => heard.push(s));
    expect(await lib.settings.set({ theme: 'dark', textSize: 24 })).toMatchObject({ theme: 'dark', textSize: 24 });
    expect(lib.settings.get()).toMatchObject({ theme: 'dark', textSize: 24 });
    expect(heard).toHaveLength(1);
    // still refused out of range, like anywhere
    await expect(lib.settings.set({ textSize: 99 })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(lib.warnings).toEqual([]);
    expect(await readFile(join(dir, 'settings.json'), 'utf8')).toBe(stored);
    await lib.close();
  });

  it('written by a newer Gloss are read as far as this build can, and never rewritten by it', async () => {
    const stored = JSON.stringify({ schema: SCHEMA_VERSION + 1, ...DEFAULT_READING_SETTINGS, theme: 'dark', pageTurns: true });
    const { dir, lib } = await openFresh({ 'settings.json': stored });
    expect(lib.settings.get().theme).toBe('dark');
    expect(await lib.settings.set({ textSize: 30 })).toMatchObject({ theme: 'dark', textSize: 30 });
    expect(await readFile(join(dir, 'settings.json'), 'utf8')).toBe(stored);
    expect(lib.warnings).toEqual([]);
    await lib.close();
  });
});

describe('steppedTextSize (Ctrl/Cmd + "+", "−", "0" and View › Text Size)', () => {
  it('steps by 2 px within 12–32 px, and resets to the default', () => {
    expect(steppedTextSize(18, 'larger')).toBe(20);
    expect(steppedTextSize(18, 'smaller')).toBe(16);
    expect(steppedTextSize(31, 'larger')).toBe(32);
    expect(steppedTextSize(32, 'larger')).toBe(32);
    expect(steppedTextSize(13, 'smaller')).toBe(12);
    expect(steppedTextSize(12, 'smaller')).toBe(12);
    expect(steppedTextSize(27, 'reset')).toBe(DEFAULT_READING_SETTINGS.textSize);
  });
});

describe('the renderer side: the --reading-* properties and the text-size keys', () => {
  it('writes each setting as the CSS the reader reads', () => {
    expect(readingProperties({ ...DEFAULT_READING_SETTINGS })).toEqual({
      '--reading-font': 'var(--serif)',
      '--reading-size': '18px',
      '--reading-line-height': '1.7',
      '--reading-width': '68ch',
      '--reading-align': 'start',
    });
    const chosen = readingProperties({ theme: 'dark', font: 'monospace', textSize: 24, lineHeight: 2, columnWidth: 40, justify: true });
    expect(chosen).toMatchObject({
      '--reading-font': 'var(--mono)',
      '--reading-size': '24px',
      '--reading-width': '40ch',
      '--reading-align': 'justify',
    });
    expect(fontStack('sans-serif')).toBe('var(--sans)');
    expect(fontStack('Noto Serif CJK JP')).toBe('"Noto Serif CJK JP", var(--serif)');
    // never a way out of the quoted name, even if such a name got this far
    expect(fontStack('Evil", red; x: "')).toBe('"Evil, red; x: ", var(--serif)');
  });

  it('maps Ctrl/Cmd + "+", "=", "-", "0" to the steps, and nothing else', () => {
    const press = (key: string, mods: Partial<KeyPress> = { ctrlKey: true }): KeyPress => ({
      key,
      ctrlKey: false,
      metaKey: false,
      altKey: false,
      ...mods,
    });
    expect(textSizeStepOf(press('='))).toBe('larger');
    expect(textSizeStepOf(press('+'))).toBe('larger');
    expect(textSizeStepOf(press('+', { metaKey: true }))).toBe('larger');
    expect(textSizeStepOf(press('-'))).toBe('smaller');
    expect(textSizeStepOf(press('_'))).toBe('smaller');
    expect(textSizeStepOf(press('0', { metaKey: true }))).toBe('reset');
    expect(textSizeStepOf(press('=', {}))).toBeNull();
    expect(textSizeStepOf(press('0', { ctrlKey: true, altKey: true }))).toBeNull();
    expect(textSizeStepOf(press('1'))).toBeNull();
    expect(textSizeStepOf(press('z'))).toBeNull();
  });

  it('leaves the keys alone while typing, and to the View menu in the desktop app', () => {
    expect(isTypingTarget({ tagName: 'INPUT', type: 'text' })).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'search' })).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT' })).toBe(true);
    expect(isTypingTarget({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'range' })).toBe(false);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
    expect(isTypingTarget({ tagName: 'BUTTON' })).toBe(false);
    expect(isTypingTarget({ tagName: 'BODY' })).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
    expect(pageHandlesTextSizeKeys('web')).toBe(true);
    expect(pageHandlesTextSizeKeys('desktop')).toBe(false);
  });
});
