// Reading settings: the rules every layer shares (through the contract). What can be chosen, within
// which bounds, what a person starts with, and how the text-size keys step. The core stores them
// (services/settings.ts); the UI and the desktop menu only ask for changes.
import { z } from 'zod';

export const THEMES = ['system', 'light', 'sepia', 'dark'] as const;
export const Theme = z.enum(THEMES);
export type Theme = z.infer<typeof Theme>;
/** What the settings panel and the desktop View menu call each theme. */
export const THEME_LABELS: Readonly<Record<Theme, string>> = { system: 'Follow the system', light: 'Light', sepia: 'Sepia', dark: 'Dark' };

/** The three families every host offers; any other font name is an installed font (desktop). */
export const GENERIC_FONTS = ['serif', 'sans-serif', 'monospace'] as const;
export type GenericFont = (typeof GENERIC_FONTS)[number];
export const isGenericFont = (font: string): font is GenericFont => (GENERIC_FONTS as readonly string[]).includes(font);

/** The bounds of each number, with its step in the UI and the unit it is shown in. */
export const TEXT_SIZE = { min: 12, max: 32, step: 1, unit: 'px' } as const;
export const LINE_HEIGHT = { min: 1.2, max: 2.2, step: 0.05 } as const;
/** In characters of the reading font (CSS `ch`). */
export const COLUMN_WIDTH = { min: 30, max: 120, step: 1, unit: 'ch' } as const;
/** What Ctrl/Cmd + "+" / "−" and the View menu's Larger/Smaller add or take away. */
export const TEXT_SIZE_KEY_STEP = 2;

const between = (name: string, range: { min: number; max: number }, unit = '') =>
  `${name} must be between ${range.min} and ${range.max}${unit ? ` ${unit}` : ''}`;

// A font name ends up inside a CSS font-family list: refuse what could end the quoted name.
const FONT_NAME = /^[^"'\\;{}<>\p{Cc}]+$/u;

export const FontChoice = z
  .string()
  .trim()
  .min(1, 'A font name cannot be empty')
  .max(200, 'A font name can be at most 200 characters')
  .regex(FONT_NAME, 'A font name cannot contain quotes, backslashes, semicolons, braces, angle brackets or control characters');

export const ReadingSettings = z.object({
  theme: Theme,
  /** 'serif', 'sans-serif', 'monospace', or an installed font's family name */
  font: FontChoice,
  /** in CSS pixels */
  textSize: z
    .number()
    .int('Text size must be a whole number of pixels')
    .min(TEXT_SIZE.min, between('Text size', TEXT_SIZE, 'px'))
    .max(TEXT_SIZE.max, between('Text size', TEXT_SIZE, 'px')),
  /** a multiple of the text size */
  lineHeight: z.number().min(LINE_HEIGHT.min, between('Line height', LINE_HEIGHT)).max(LINE_HEIGHT.max, between('Line height', LINE_HEIGHT)),
  /** the text column's widest measure, in characters */
  columnWidth: z
    .number()
    .int('Column width must be a whole number of characters')
    .min(COLUMN_WIDTH.min, between('Column width', COLUMN_WIDTH, 'characters'))
    .max(COLUMN_WIDTH.max, between('Column width', COLUMN_WIDTH, 'characters')),
  /** justified text (both edges straight) rather than ragged right */
  justify: z.boolean(),
});
export type ReadingSettings = z.infer<typeof ReadingSettings>;

/** A change to some settings; anything not named stays as it is. Unknown names are refused. */
export const ReadingSettingsChange = ReadingSettings.partial().strict();
export type ReadingSettingsChange = z.infer<typeof ReadingSettingsChange>;

export const DEFAULT_READING_SETTINGS: Readonly<ReadingSettings> = Object.freeze({
  theme: 'system',
  font: 'serif',
  textSize: 18,
  lineHeight: 1.7,
  columnWidth: 68,
  justify: false,
});

export type TextSizeStep = 'larger' | 'smaller' | 'reset';

/** The text size after Larger, Smaller or Reset (Ctrl/Cmd + "+", "−", "0"), kept within bounds. */
export function steppedTextSize(current: number, step: TextSizeStep): number {
  if (step === 'reset') return DEFAULT_READING_SETTINGS.textSize;
  const next = current + (step === 'larger' ? TEXT_SIZE_KEY_STEP : -TEXT_SIZE_KEY_STEP);
  return Math.min(TEXT_SIZE.max, Math.max(TEXT_SIZE.min, Math.round(next)));
}
