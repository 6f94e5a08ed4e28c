// Quick checks of the entries a data folder holds by the thousand: the documents of library.json and
// the highlights of the annotation files. Each says true only of an entry its zod schema certainly
// accepts, checked by hand: on a cold start (every CLI command, every opening) zod takes ~70 ms over
// 10,000 documents, these ~4 ms. An entry a quick check does not accept is checked by the schema as
// before, so they only make reading faster, never more lenient (quick-checks.test.ts holds them to it).
import { COLORS, DocumentFormat, ID_PATTERN } from '../model';

const FORMATS: ReadonlySet<unknown> = new Set(DocumentFormat.options);
const COLOR_SET: ReadonlySet<unknown> = new Set(COLORS);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isOptionalString = (v: unknown) => v === undefined || typeof v === 'string';
/** z.number().int().nonnegative() */
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isId = (v: unknown) => typeof v === 'string' && ID_PATTERN.test(v);

function isStringList(v: unknown): boolean {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'string') return false;
  return true;
}

/** An entry model.ts's DocumentMeta certainly accepts. */
export function isPlainDocumentMeta(d: unknown): boolean {
  if (!isObject(d)) return false;
  if (!isId(d.id) || !isString(d.title) || !isString(d.source) || !FORMATS.has(d.format) || !isString(d.hash)) return false;
  if (!isString(d.importedAt) || !isCount(d.words) || !isCount(d.bytes) || !isStringList(d.tags)) return false;
  if (!isOptionalString(d.author) || !isOptionalString(d.published) || !isOptionalString(d.siteName)) return false;
  if (!isOptionalString(d.language) || !isOptionalString(d.encoding) || !isOptionalString(d.trashedAt)) return false;
  if (d.dir !== undefined && d.dir !== 'ltr' && d.dir !== 'rtl') return false;
  const body = d.body;
  return body === undefined || (isObject(body) && isString(body.pack) && isCount(body.offset) && isCount(body.length) && body.length > 0);
}

/** An entry model.ts's Highlight certainly accepts. */
export function isPlainHighlight(h: unknown): boolean {
  if (!isObject(h)) return false;
  if (!isId(h.id) || !isId(h.documentId) || !COLOR_SET.has(h.color) || !isString(h.note) || !isStringList(h.tags)) return false;
  if (!isString(h.createdAt) || !isString(h.updatedAt) || (h.orphaned !== undefined && typeof h.orphaned !== 'boolean')) return false;
  const { position, quote } = h;
  if (!isObject(position) || !isCount(position.start) || !isCount(position.end)) return false;
  return isObject(quote) && isString(quote.exact) && isString(quote.prefix) && isString(quote.suffix);
}
