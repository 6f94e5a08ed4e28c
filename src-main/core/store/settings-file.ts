// settings.json: the reading settings of the whole app (every window, every host), beside library.json.
//
//   { "schema": 5, "theme": "sepia", "font": "serif", "textSize": 20, "lineHeight": 1.7,
//     "columnWidth": 68, "justify": false }
//
// Read tolerantly: a setting this build cannot read (a theme a newer Gloss added, a hand-edited
// value out of range) is kept exactly as stored and written back, while this build uses its default;
// fields this build does not know are kept too. Only a file that is not JSON, or not an object with
// a `schema`, is damaged (moved aside by DurableJsonFile).
import { z } from 'zod';
import { DEFAULT_READING_SETTINGS, ReadingSettings } from '../settings';
import type { Codec } from './durable-json';

export interface SettingsFile {
  schema: number;
  /** what this build uses: the stored values it can read, defaults for the rest */
  settings: ReadingSettings;
  /** fields this build does not know, and known ones whose stored value it cannot read: kept as they are */
  extra: Record<string, unknown>;
}

const SettingsShell = z.looseObject({ schema: z.number().int().positive() });
const FIELDS = ReadingSettings.shape;
const isField = (key: string): key is keyof ReadingSettings => Object.hasOwn(FIELDS, key);

export const settingsCodec: Codec<SettingsFile> = {
  decode(json) {
    const shell = SettingsShell.safeParse(json);
    // Said in the app's warnings as "unexpected content: …", so in words rather than zod's issue list.
    if (!shell.success) throw new Error('not an object with a data version');
    const { schema, ...stored } = shell.data;
    const settings: Record<string, unknown> = { ...DEFAULT_READING_SETTINGS };
    const extra: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(stored)) {
      const read = isField(key) ? FIELDS[key].safeParse(value) : null;
      if (read?.success) settings[key] = read.data;
      else extra[key] = value;
    }
    return { schema, settings: settings as ReadingSettings, extra };
  },
  // A kept value wins over this build's default for the same name: only a change made here replaces it.
  encode: ({ schema, settings, extra }) => ({ schema, ...settings, ...extra }),
};

export const defaultSettingsFile = (schema: number): SettingsFile => ({ schema, settings: { ...DEFAULT_READING_SETTINGS }, extra: {} });
