// Tags across the library: every tag with how many documents and highlights carry it (documents in the
// Trash count for nothing until they are restored).
import type { DocumentMeta, TagCount } from '../model';
import { foldTag } from '../tags';
import { liveDocuments, type LibraryContext } from './context';

export class TagService {
  constructor(private readonly ctx: LibraryContext) {}

  async list(): Promise<TagCount[]> {
    const counts = new Map<string, TagCount>();
    const bump = (tag: string, key: 'documents' | 'highlights') => {
      const k = foldTag(tag);
      const entry = counts.get(k) ?? { name: tag, documents: 0, highlights: 0 };
      entry[key]++;
      counts.set(k, entry);
    };
    for (const d of liveDocuments(this.ctx)) {
      d.tags.forEach((t) => bump(t, 'documents'));
      this.ctx.annotations.of(d.id).forEach((h) => h.tags.forEach((t) => bump(t, 'highlights')));
    }
    return [...counts.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}

/** Documents in the library carrying the tag themselves or on one of their highlights (all of them without a tag). */
export function documentsTagged(ctx: LibraryContext, tag?: string): DocumentMeta[] {
  const docs = liveDocuments(ctx);
  const key = tag?.trim() ? foldTag(tag.trim()) : '';
  if (!key) return docs;
  const has = (tags: string[]) => tags.some((t) => foldTag(t) === key);
  return docs.filter((d) => has(d.tags) || ctx.annotations.of(d.id).some((h) => has(h.tags)));
}
