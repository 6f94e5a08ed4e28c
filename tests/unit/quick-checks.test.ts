// The quick checks of stored entries (store/quick-checks.ts) may only ever say yes where the zod schema
// does: every field of every schema is broken in every way below, alone and at random, and whatever a
// quick check accepts, the schema must accept. And they do accept real entries, or they would be of no use.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { DocumentMeta, Highlight } from '../../src-main/core/model';
import { annotationCodec, libraryCodec } from '../../src-main/core/store/files';
import { isPlainDocumentMeta, isPlainHighlight } from '../../src-main/core/store/quick-checks';
import { prng } from './helpers/prng';

const FULL_DOCUMENT = {
  id: 'doc_0001-AbC',
  title: 'A title',
  source: '/home/me/a.txt',
  format: 'markdown',
  hash: 'ab'.repeat(32),
  importedAt: '2026-11-27T07:00:00.000Z',
  words: 120,
  bytes: 800,
  tags: ['one', 'two'],
  author: 'Someone',
  published: '2020',
  siteName: 'A site',
  language: 'fr',
  dir: 'rtl',
  encoding: 'windows-1252',
  body: { pack: 'p1', offset: 0, length: 10 },
  trashedAt: '2026-11-27T08:00:00.000Z',
};
const MINIMAL_DOCUMENT = { id: 'doc_0002', title: '', source: '', format: 'pdf', hash: '', importedAt: '', words: 0, bytes: 0, tags: [] };
const FULL_HIGHLIGHT = {
  id: 'hl_0001',
  documentId: 'doc_0001-AbC',
  position: { start: 3, end: 9 },
  quote: { exact: 'quoted', prefix: 'a ', suffix: ' b' },
  color: 'purple',
  note: 'A **note**',
  tags: ['t'],
  createdAt: '2026-11-27T07:00:00.000Z',
  updatedAt: '2026-11-27T07:00:00.000Z',
  orphaned: true,
};
const { orphaned: _o, ...MINIMAL_HIGHLIGHT } = FULL_HIGHLIGHT;

/** Values of every kind, and the near misses of each field's rules. */
const ODD_VALUES: unknown[] = [
  undefined,
  null,
  0,
  -0,
  -1,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  2 ** 60,
  '',
  'x',
  'short',
  'doc_0001-AbC',
  'not an id!',
  'a'.repeat(65),
  'ltr',
  'rtl',
  'text',
  'TEXT',
  'yellow',
  'red',
  true,
  false,
  [],
  ['a'],
  [1],
  {},
  { pack: 'p', offset: 0, length: 0 },
  { pack: 'p', offset: -1, length: 1 },
  { start: 1, end: 2 },
  { start: -1, end: 2 },
  { exact: '', prefix: '', suffix: '' },
  { exact: '', prefix: 1, suffix: '' },
];

/** Every way of breaking one field of `entry` (its nested objects' fields too), and of leaving it out. */
function* brokenOnce(entry: Record<string, unknown>): Generator<unknown> {
  for (const key of Object.keys(entry)) {
    const { [key]: _gone, ...without } = entry;
    yield without;
    for (const value of ODD_VALUES) yield { ...entry, [key]: value };
    const inner = entry[key];
    if (inner && typeof inner === 'object' && !Array.isArray(inner))
      for (const broken of brokenOnce(inner as Record<string, unknown>)) yield { ...entry, [key]: broken };
  }
}

function holdsTo(quick: (v: unknown) => boolean, schema: z.ZodType, full: Record<string, unknown>, minimal: Record<string, unknown>): number {
  let tried = 0;
  const check = (v: unknown) => {
    tried++;
    if (quick(v)) expect(schema.safeParse(v).success, JSON.stringify(v)).toBe(true);
  };
  for (const v of [...ODD_VALUES, full, minimal]) check(v);
  for (const base of [full, minimal]) for (const v of brokenOnce(base)) check(v);
  // Several fields broken at once, at random.
  const random = prng(42);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
  const keys = Object.keys(full);
  for (let n = 0; n < 3000; n++) {
    const v: Record<string, unknown> = { ...pick([full, minimal]) };
    for (let k = 0; k < 1 + Math.floor(random() * 3); k++) {
      const key = pick(keys);
      if (random() < 0.2) delete v[key];
      else v[key] = pick(ODD_VALUES);
    }
    check(v);
  }
  return tried;
}

describe('quick checks of stored entries', () => {
  it('accept real entries, and every key the schemas know is one they were tried on', () => {
    for (const doc of [FULL_DOCUMENT, MINIMAL_DOCUMENT]) {
      expect(DocumentMeta.safeParse(doc).success).toBe(true);
      expect(isPlainDocumentMeta(doc)).toBe(true);
      expect(isPlainDocumentMeta({ ...doc, addedByANewerGloss: { any: 'thing' } })).toBe(true);
    }
    for (const h of [FULL_HIGHLIGHT, MINIMAL_HIGHLIGHT]) {
      expect(Highlight.safeParse(h).success).toBe(true);
      expect(isPlainHighlight(h)).toBe(true);
    }
    // A field added to a schema must be added to the fixtures above (and so be tried below).
    expect(Object.keys(FULL_DOCUMENT).sort()).toEqual(Object.keys(DocumentMeta.shape).sort());
    expect(Object.keys(FULL_HIGHLIGHT).sort()).toEqual(Object.keys(Highlight.shape).sort());
  });

  it('never accept what the schemas refuse: each field broken every way, alone and several at random', () => {
    expect(holdsTo(isPlainDocumentMeta, DocumentMeta, FULL_DOCUMENT, MINIMAL_DOCUMENT)).toBeGreaterThan(3000);
    expect(holdsTo(isPlainHighlight, Highlight, FULL_HIGHLIGHT, MINIMAL_HIGHLIGHT)).toBeGreaterThan(3000);
    // and they do refuse plain breakage, so the schema gets to say what is wrong
    expect(isPlainDocumentMeta({ ...FULL_DOCUMENT, words: -1 })).toBe(false);
    expect(isPlainHighlight({ ...FULL_HIGHLIGHT, color: 'red' })).toBe(false);
  });

  it('leave the sorting of entries to the schemas: a bad entry is kept apart, the good ones read', () => {
    const bad = { ...FULL_DOCUMENT, id: 'x' };
    const odd = { ...MINIMAL_DOCUMENT, id: 'doc_0003', words: 1.5 };
    const library = libraryCodec.decode({ schema: 5, documents: [FULL_DOCUMENT, bad, MINIMAL_DOCUMENT, odd] });
    expect(library.documents).toEqual([FULL_DOCUMENT, MINIMAL_DOCUMENT]);
    expect(library.unreadable).toEqual([bad, odd]);
    const notes = annotationCodec.decode({
      schema: 5,
      documentId: 'doc_0001-AbC',
      highlights: [FULL_HIGHLIGHT, { ...MINIMAL_HIGHLIGHT, position: null }],
    });
    expect(notes.highlights).toEqual([FULL_HIGHLIGHT]);
    expect(notes.unreadable).toHaveLength(1);
  });
});
