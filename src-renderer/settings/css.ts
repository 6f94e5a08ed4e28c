// The reading settings as CSS: the --reading-* custom properties the reader's CSS reads
// (reader/reader.css). No DOM here, so the unit tests can check them; apply.ts writes them on <html>.
import { isGenericFont, type GenericFont, type ReadingSettings } from '../../src-main/ipc/contract';

const GENERIC_STACKS: Record<GenericFont, string> = {
  serif: 'var(--serif)',
  'sans-serif': 'var(--sans)',
  monospace: 'var(--mono)',
};

/** The CSS font-family list for a font choice: a generic family's stack, or an installed font before the serif stack. */
export function fontStack(font: string): string {
  if (isGenericFont(font)) return GENERIC_STACKS[font];
  // The core refuses names with quotes or backslashes; dropping them here keeps the list well-formed regardless.
  return `"${font.replace(/["\\]/g, '')}", var(--serif)`;
}

/** The custom properties for the settings, by name. */
export function readingProperties(settings: ReadingSettings): Record<string, string> {
  return {
    '--reading-font': fontStack(settings.font),
    '--reading-size': `${settings.textSize}px`,
    '--reading-line-height': String(settings.lineHeight),
    '--reading-width': `${settings.columnWidth}ch`,
    '--reading-align': settings.justify ? 'justify' : 'start',
  };
}
