// The reading settings of the whole app: one settings.json in the data folder, so every window and
// both hosts (desktop, browser mode) read and change the same ones. A change is announced to the
// hosts, which pass it to every open window.
//
// A library that may not be written (opened read-only, or written by a newer Gloss) still lets a
// person change them: they are kept in memory for the session, and nothing is said about it.
import { GlossError } from '../errors';
import { ReadingSettingsChange, type ReadingSettings } from '../settings';
import { DurableJsonFile, type Report } from '../store/durable-json';
import { SCHEMA_VERSION } from '../store/files';
import { defaultSettingsFile, settingsCodec, type SettingsFile } from '../store/settings-file';

export type SettingsListener = (settings: ReadingSettings) => void;

/** Line heights are kept to two decimals: a range input's float steps (1.7500000000000002) are not a choice. */
const twoDecimals = (n: number) => Math.round(n * 100) / 100;

export class SettingsService {
  private readonly file: DurableJsonFile<SettingsFile>;
  private current: SettingsFile = defaultSettingsFile(SCHEMA_VERSION);
  private sessionOnly: boolean;
  private readonly listeners = new Set<SettingsListener>();

  constructor(path: string, readOnly: boolean, report: Report) {
    this.file = new DurableJsonFile(path, settingsCodec, report, readOnly);
    this.sessionOnly = readOnly;
  }

  /** Read settings.json: missing means defaults; damaged is moved aside (its backup used if good) and reported. */
  async load(): Promise<void> {
    const stored = await this.file.read();
    if (!stored) return;
    this.current = stored;
    // A newer Gloss's settings are used as far as this build can read them, but never rewritten by it.
    if (stored.schema > SCHEMA_VERSION) this.sessionOnly = true;
  }

  get(): ReadingSettings {
    return { ...this.current.settings };
  }

  /** Change some settings and save them; answers all of them. Out-of-range values are refused with the range. */
  async set(change: ReadingSettingsChange): Promise<ReadingSettings> {
    const parsed = ReadingSettingsChange.safeParse(change);
    if (!parsed.success) {
      const messages = parsed.error.issues.map((issue) =>
        issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message,
      );
      throw new GlossError('invalid_input', messages.join('; '));
    }
    const changes = { ...parsed.data };
    if (changes.lineHeight !== undefined) changes.lineHeight = twoDecimals(changes.lineHeight);

    const before = this.current;
    const extra = { ...before.extra };
    for (const key of Object.keys(changes)) delete extra[key];
    const after: SettingsFile = {
      schema: this.sessionOnly ? before.schema : SCHEMA_VERSION,
      settings: { ...before.settings, ...changes },
      extra,
    };
    // Memory first, so a second change made while this one is being written builds on it.
    this.current = after;
    if (!this.sessionOnly) {
      try {
        await this.file.write(after);
      } catch (error) {
        if (this.current === after) this.current = before;
        throw new GlossError('io', `Could not save the reading settings: ${(error as Error).message}`);
      }
    }
    const settings = this.get();
    for (const listener of this.listeners) listener(settings);
    return settings;
  }

  /** Called after every change, with all the settings (hosts pass them to their windows). */
  on(listener: SettingsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
