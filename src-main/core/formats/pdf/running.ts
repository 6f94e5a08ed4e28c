// Running headers and footers: the lines at the top and bottom of pages that repeat from page to page
// (a journal's name, a chapter title, "Page 3 of 12"). They are furniture, not text, and would
// otherwise land in the middle of every paragraph that runs over a page break.
import type { Line } from './lines';

/** How many lines at each end of a page may be furniture. */
const BAND_LINES = 3;
/** …and how far into the page (a fraction of its height) they may sit. */
const BAND_DEPTH = 0.15;

const PAGE_NUMBER =
  /^(?:(?:page|p\.|pg\.?|seite|página|pagina)\s*)?[-–—([]?\s*(?:\d{1,5}|[ivxlcdm]{1,8})\s*[-–—)\]]?(?:\s*(?:of|\/|von|de|sur)\s*\d{1,5})?$/i;

/**
 * A line's text with the parts that change from page to page (numbers, case, spacing) taken out, and
 * its size: a title on page 1 in large type is not the running header that repeats it in small type.
 */
const keyOf = (line: Line) => `${Math.round(line.size)}|${line.text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim()}`;

export interface PageLines {
  lines: Line[];
  height: number;
}

/**
 * The pages with their running headers, footers and lone page numbers removed. A line counts as running
 * when its text (digits normalised) sits in the top or bottom band of at least 40% of the pages and of
 * at least two, or of two pages when it starts or ends with a number (a page number beside a chapter's
 * title, which repeats only over the chapter); a lone page number ("12", "- 12 -", "Page 3 of 9", "iv") in a band, not larger than the body text, is
 * always removed.
 */
export function removeRunningLines(pages: PageLines[], bodySize: number): Line[][] {
  const bands = pages.map(bandOf);
  const seen = { top: new Map<string, number>(), bottom: new Map<string, number>() };
  for (const band of bands) {
    for (const edge of ['top', 'bottom'] as const) {
      for (const key of new Set(band[edge].map(keyOf))) seen[edge].set(key, (seen[edge].get(key) ?? 0) + 1);
    }
  }
  const enough = Math.max(2, Math.ceil(0.4 * pages.filter((p) => p.lines.length > 0).length));
  return pages.map((page, i) => {
    const drop = new Set<Line>();
    for (const edge of ['top', 'bottom'] as const) {
      for (const line of bands[i][edge]) {
        // a chapter numbered "IV" in large type is a heading, not a page number
        const pageNumber = PAGE_NUMBER.test(line.text) && line.size <= bodySize * 1.15;
        const key = keyOf(line);
        const repeats = seen[edge].get(key) ?? 0;
        // a chapter's running head ("Chapter 2: Tides   17") repeats only over the chapter's pages
        const numbered = /\|(?:#\s|.*\s#$)/.test(key) && repeats >= 2;
        if (pageNumber || numbered || repeats >= enough) drop.add(line);
      }
    }
    return page.lines.filter((l) => !drop.has(l));
  });
}

/** The lines near the top and the bottom edge of a page, nearest the edge first. */
function bandOf(page: PageLines): { top: Line[]; bottom: Line[] } {
  const { lines, height } = page;
  if (lines.length === 0) return { top: [], bottom: [] };
  const byY = [...lines].sort((a, b) => a.y - b.y);
  // Without a page height, the text's own extent stands in for it.
  const top = height > 0 ? 0 : byY[0].y;
  const bottom = height > 0 ? height : byY[byY.length - 1].y;
  const depth = BAND_DEPTH * (bottom - top || 1);
  return {
    top: byY.slice(0, BAND_LINES).filter((l) => l.y - top <= depth),
    bottom: byY
      .slice(-BAND_LINES)
      .reverse()
      .filter((l) => bottom - l.y <= depth),
  };
}
