// The reading settings as this window knows them. The core holds them (settings.json, for every
// window and host); this keeps the last answer, shows a change at once and saves it a moment later
// (a slider sends one request when it comes to rest, not one per pixel), and takes in changes made
// elsewhere (settings:changed). What is shown is the core's settings with this window's unsaved
// changes on top, so an answer to an older change never undoes a newer one on the screen.
import { DEFAULT_READING_SETTINGS, ReadingSettings, type ReadingSettingsChange } from '../../src-main/ipc/contract';
import type { GlossClient } from '../client';
import { applyReadingSettings } from './apply';

/** How long a change waits for the next one before it is saved. */
const SAVE_AFTER_MS = 200;
/**
 * What this tab showed last, so a reload paints the right theme before the core answers. Only for this
 * tab (sessionStorage): the settings themselves live in the core, and nothing is kept in the browser.
 */
const PAINT_CACHE_KEY = 'gloss.readingSettings';

let confirmed: ReadingSettings = { ...DEFAULT_READING_SETTINGS };
let sending: ReadingSettingsChange = {};
let unsaved: ReadingSettingsChange = {};
let shown: ReadingSettings = confirmed;
const listeners = new Set<() => void>();

type Waiter = { resolve: (settings: ReadingSettings) => void; reject: (error: unknown) => void };
let waiting: Waiter[] = [];
let saveTimer: number | undefined;
let saves: Promise<void> = Promise.resolve();

function show(): void {
  shown = { ...confirmed, ...sending, ...unsaved };
  applyReadingSettings(shown);
  try {
    sessionStorage.setItem(PAINT_CACHE_KEY, JSON.stringify(shown));
  } catch {
    // storage disabled: only the first paint after a reload is affected
  }
  for (const listener of listeners) listener();
}

export const currentReadingSettings = (): ReadingSettings => shown;

export function subscribeReadingSettings(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The core's settings: its answer to a change, or a change made in another window, tab or menu. */
export function receiveReadingSettings(settings: ReadingSettings): void {
  confirmed = settings;
  show();
}

function paintCache(): ReadingSettings | null {
  try {
    const read = ReadingSettings.safeParse(JSON.parse(sessionStorage.getItem(PAINT_CACHE_KEY) ?? 'null'));
    return read.success ? read.data : null;
  } catch {
    return null;
  }
}

/**
 * At startup, before the first render: what this tab showed before a reload at once (no flash of the
 * wrong theme), then the core's. Waits at most `waitMs` for the core; a late answer is still taken.
 */
export async function loadReadingSettings(client: GlossClient, waitMs = 2000): Promise<void> {
  const cached = paintCache();
  if (cached) confirmed = cached;
  show();
  const answer = client.call('settings:get', {}).then(receiveReadingSettings, () => {
    // The core could not be reached: the app says so when it asks for anything else; keep what is shown.
  });
  await Promise.race([answer, new Promise((resolve) => window.setTimeout(resolve, waitMs))]);
}

async function save(client: GlossClient): Promise<void> {
  if (Object.keys(unsaved).length === 0) return;
  sending = unsaved;
  unsaved = {};
  const waiters = waiting;
  waiting = [];
  try {
    const settings = await client.call('settings:set', sending);
    sending = {};
    receiveReadingSettings(settings);
    for (const w of waiters) w.resolve(shown);
  } catch (error) {
    // Refused or not saved: the screen goes back to what the core holds.
    sending = {};
    show();
    for (const w of waiters) w.reject(error);
  }
}

/** Show a change now and save it shortly; resolves with the settings once the core has them. */
export function changeReadingSettings(client: GlossClient, change: ReadingSettingsChange): Promise<ReadingSettings> {
  unsaved = { ...unsaved, ...change };
  show();
  const saved = new Promise<ReadingSettings>((resolve, reject) => waiting.push({ resolve, reject }));
  window.clearTimeout(saveTimer);
  saveTimer = window.setTimeout(() => {
    // One save at a time, in order: the core sees the changes as they were made.
    saves = saves.then(() => save(client));
  }, SAVE_AFTER_MS);
  return saved;
}
