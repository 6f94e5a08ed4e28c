// The search quality set (issue 8 §2): each query's results against the documents that answer it,
// through the real analyzer, query parser and index. Prints precision at 1 and at 5 for the set.
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../src-main/core/query';
import { SearchIndex } from '../../src-main/core/search-index';
import { QUALITY_DOCUMENTS, QUALITY_QUERIES } from './search-quality-set';

describe('search quality', () => {
  const index = new SearchIndex();
  QUALITY_DOCUMENTS.forEach((d, id) =>
    index.add(id, [
      { text: d.title, weight: 3 },
      { text: d.body, weight: 1 },
    ]),
  );
  const results = QUALITY_QUERIES.map((q) => ({
    ...q,
    found: index.search(parseQuery(q.query, { typing: !q.query.endsWith('"') }), 5).map((h) => QUALITY_DOCUMENTS[h.id]!.key),
  }));

  it.each(results)('$query ($why)', ({ found, top, relevant }) => {
    if (top) expect(found[0]).toBe(top);
    // Everything that answers the query, and nothing else.
    expect([...found].sort()).toEqual([...relevant].sort());
  });

  it('prints precision at 1 and at 5 for the whole set', () => {
    const at1 = results.filter((r) => r.relevant.includes(r.found[0]!)).length / results.length;
    const at5 =
      results.reduce((sum, r) => sum + r.found.filter((k) => r.relevant.includes(k)).length / Math.min(5, Math.max(1, r.found.length)), 0) /
      results.length;
    console.log(
      `Search quality: ${results.length} queries over ${QUALITY_DOCUMENTS.length} documents: precision at 1 ${at1.toFixed(2)}, at 5 ${at5.toFixed(2)}`,
    );
    expect(at1).toBe(1);
    expect(at5).toBe(1);
  });
});
