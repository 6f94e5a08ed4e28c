// The package of a book: META-INF/container.xml names the package document (the OPF), which lists the
// book's files (manifest), their reading order (spine) and what the book says about itself (metadata).
// EPUB 2 and 3 differ in details read here side by side: opf:role vs <meta refines> for creators,
// opf:event vs one dc:date, an NCX vs a navigation document.
import { GlossError } from '../../errors';
import type { DraftMeta } from '../types';
import type { ZipArchive, ZipEntry } from '../zip';
import { resolveHref } from './paths';
import { attr, decodeMarkup, elements, firstElement, textOf, type BookDom } from './xml';

export interface ManifestItem {
  id: string;
  /** the file's path inside the archive */
  path: string;
  mediaType: string;
  properties: string[];
  fallback?: string;
}

export interface SpineItem {
  item: ManifestItem;
  linear: boolean;
}

export interface BookPackage {
  /** where the package document is (hrefs in it are relative to it) */
  path: string;
  meta: DraftMeta;
  manifest: Map<string, ManifestItem>;
  spine: SpineItem[];
  /** EPUB 3's navigation document */
  nav?: ManifestItem;
  /** EPUB 2's table of contents (also kept by many EPUB 3 books for older readers) */
  ncx?: ManifestItem;
  /** the idrefs in the spine that name nothing in the manifest */
  unknownIdrefs: string[];
}

/** A package file larger than this would take gigabytes as a DOM; a book's are kilobytes. */
export const MAX_PACKAGE_FILE_BYTES = 8 * 1024 * 1024;

/** An entity reference left as written: the HTML parse resolves every entity HTML knows, and no other. */
const UNRESOLVED_ENTITY = /&[A-Za-z_][\w.:-]*;/;

const RTL_LANGUAGES = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'iw', 'ks', 'ku', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi']);

/** Reads container.xml and the package document it points to; refuses a book without one. What the reader should know goes to `notices`. */
export function readPackage(fileName: string, zip: ZipArchive, dom: BookDom, notices: string[]): BookPackage {
  const noPackage = new GlossError('invalid_input', `${fileName} has no package document (META-INF/container.xml does not point to one)`);
  const container = zip.find('META-INF/container.xml');
  if (!container || container.size > MAX_PACKAGE_FILE_BYTES) throw noPackage;
  const root = dom.parse(decodeMarkup(zip.read(container), container.name)).root;
  // The first package document the archive really holds: the default rendition comes first (EPUB 3's multiple
  // renditions), and a container whose first entry names a missing file still reaches the book. A container
  // whose only rootfiles are mislabelled is taken at its word that they are the book's.
  const rootfiles = elements(root, 'rootfile');
  const packages = rootfiles.filter(isPackageRootfile);
  let opf: ZipEntry | undefined;
  for (const rootfile of packages.length ? packages : rootfiles) {
    const fullPath = attr(rootfile, 'full-path');
    const target = fullPath ? resolveHref('', fullPath) : undefined;
    const entry = target?.inBook ? zip.find(target.path) : undefined;
    if (entry && !entry.directory) {
      opf = entry;
      break;
    }
  }
  if (!opf) throw noPackage;
  if (opf.size > MAX_PACKAGE_FILE_BYTES)
    throw new GlossError('invalid_input', `${fileName} is refused: its package document is larger than any book's`);
  return readOpf(fileName, opf.name, dom.parse(decodeMarkup(zip.read(opf), opf.name, notices)).root);
}

/**
 * Whether a rootfile names a package document: its media-type says so, or it has none (a packer's slip) and
 * is not plainly another kind of file (a PDF rendition); an .opf path with a wrong media-type is one too.
 */
function isPackageRootfile(rootfile: Element): boolean {
  const mediaType = (attr(rootfile, 'media-type') ?? '').trim().toLowerCase();
  if (mediaType === '' || mediaType === 'application/oebps-package+xml') return true;
  return /\.opf$/i.test(attr(rootfile, 'full-path')?.trim() ?? '');
}

function readOpf(fileName: string, path: string, root: Element): BookPackage {
  const manifest = new Map<string, ManifestItem>();
  for (const el of elements(root, 'item')) {
    const id = attr(el, 'id');
    const href = attr(el, 'href');
    const target = href ? resolveHref(path, href) : undefined;
    if (!id || !target?.inBook || manifest.has(id)) continue;
    const item: ManifestItem = {
      id,
      path: target.path,
      mediaType: (attr(el, 'media-type') ?? '').trim().toLowerCase(),
      properties: (attr(el, 'properties') ?? '').split(/\s+/).filter(Boolean),
    };
    const fallback = attr(el, 'fallback');
    if (fallback) item.fallback = fallback;
    manifest.set(id, item);
  }

  const spineEl = firstElement(root, 'spine');
  const spine: SpineItem[] = [];
  const unknownIdrefs: string[] = [];
  for (const ref of spineEl ? elements(spineEl, 'itemref') : []) {
    const idref = attr(ref, 'idref') ?? '';
    const item = manifest.get(idref);
    if (!item) {
      unknownIdrefs.push(idref);
      continue;
    }
    spine.push({ item, linear: (attr(ref, 'linear') ?? 'yes').trim().toLowerCase() !== 'no' });
  }
  if (!spine.length && !unknownIdrefs.length) {
    throw new GlossError('invalid_input', `${fileName} is damaged (its package document lists no chapters to read)`);
  }

  const items = [...manifest.values()];
  const nav = items.find((i) => i.properties.includes('nav'));
  const tocId = spineEl ? attr(spineEl, 'toc') : undefined;
  const ncx = (tocId ? manifest.get(tocId) : undefined) ?? items.find((i) => i.mediaType === 'application/x-dtbncx+xml');

  const meta = readMetadata(root);
  const direction = spineEl ? attr(spineEl, 'page-progression-direction')?.trim().toLowerCase() : undefined;
  const primary = meta.language?.split('-')[0].toLowerCase();
  if (direction === 'rtl' || (direction !== 'ltr' && primary && RTL_LANGUAGES.has(primary))) meta.dir = 'rtl';

  const pkg: BookPackage = { path, meta, manifest, spine, unknownIdrefs };
  if (nav) pkg.nav = nav;
  if (ncx) pkg.ncx = ncx;
  return pkg;
}

function readMetadata(root: Element): DraftMeta {
  const metadata = firstElement(root, 'metadata') ?? root;
  const dc = (name: string) => elements(metadata, name).filter((el) => textOf(el) !== '');
  // EPUB 3 qualifies a dc element by <meta refines="#id" property="…">; EPUB 2 by opf: attributes.
  const refinements = new Map<string, Map<string, string>>();
  for (const m of elements(metadata, 'meta')) {
    const refines = attr(m, 'refines')?.trim();
    const property = attr(m, 'property')?.trim();
    if (!refines?.startsWith('#') || !property) continue;
    const id = refines.slice(1);
    if (!refinements.has(id)) refinements.set(id, new Map());
    refinements.get(id)!.set(property, textOf(m));
  }
  const refined = (el: Element, property: string): string | undefined => {
    const id = attr(el, 'id');
    return id ? refinements.get(id)?.get(property) : undefined;
  };

  const meta: DraftMeta = {};
  // A title that is blank, or holds an entity reference no parse could resolve ('&xxe;', declared in a DTD,
  // which is never expanded), says nothing of the book: it is treated as missing.
  const titles = dc('title').filter((t) => !UNRESOLVED_ENTITY.test(textOf(t)));
  const main = titles.find((t) => refined(t, 'title-type') === 'main') ?? titles[0];
  if (main) meta.title = textOf(main);

  const creators = dc('creator');
  const roleOf = (el: Element) => (attr(el, 'role') ?? refined(el, 'role'))?.trim().toLowerCase();
  const authors = creators.filter((c) => [undefined, '', 'aut'].includes(roleOf(c)));
  const names = [...new Set((authors.length ? authors : creators).map(textOf))];
  if (names.length) meta.author = names.join(', ');

  const language = dc('language')[0];
  if (language) meta.language = textOf(language);

  const dates = dc('date');
  const published = dates.find((d) => attr(d, 'event')?.toLowerCase() === 'publication') ?? dates.find((d) => !attr(d, 'event')) ?? dates[0];
  if (published) meta.published = textOf(published);
  return meta;
}
