// Reading settings on the page: the theme as data-theme on <html> (the colours are CSS variables per
// theme, styles/base.css) and the typography as --reading-* custom properties on <html> (css.ts), which
// the reader's CSS reads. On the root rather than on a reader element: they are there before the
// reader first paints, and every view (the library too) follows the theme.
import { isGenericFont, type ReadingSettings } from '../../src-main/ipc/contract';
import { readingProperties } from './css';

export function applyReadingSettings(settings: ReadingSettings, root: HTMLElement = document.documentElement): void {
  root.dataset.theme = settings.theme;
  // The reader's per-script faces give way to a font the reader chose (reader/blocks.css).
  root.dataset.readingFont = isGenericFont(settings.font) ? settings.font : 'installed';
  for (const [name, value] of Object.entries(readingProperties(settings))) root.style.setProperty(name, value);
}
