import type { Highlight } from './model';

const compareCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Reading order: by where a highlight starts, then ends, then when it was made, then its id, so the
 * order never depends on the locale or on the order highlights were stored in. The one rule for the
 * reader's panel, every list and every export.
 */
export function compareHighlights(a: Highlight, b: Highlight): number {
  return (
    a.position.start - b.position.start ||
    a.position.end - b.position.end ||
    compareCodeUnits(a.createdAt, b.createdAt) ||
    compareCodeUnits(a.id, b.id)
  );
}

export const inReadingOrder = (highlights: readonly Highlight[]): Highlight[] => [...highlights].sort(compareHighlights);
