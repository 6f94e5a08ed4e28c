// Ids in a book are unique per chapter file at best, and links and the table of contents name them as
// "file#id". In the reading model every chapter is one text, so each id becomes "<chapter key>-<id>" and
// each chapter's own key ("c3") names its start. Links are written during conversion, before the chapter
// they point to is read; they are settled afterwards, when it is known which ids really landed on a block.
import type { BlockDraft } from '../blocks';

export class BookAnchors {
  private readonly keyOfPath = new Map<string, string>();
  /** anchors handed to the converter, per chapter key, in the order the converter asked for them */
  private readonly issued = new Map<string, string[]>();
  /** anchor → the anchor of the block it ended up on (itself when it landed) */
  private readonly settled = new Map<string, string>();
  private readonly startOf = new Map<string, string>();

  /** Gives a chapter file its key (its place in the spine, from 1). */
  addChapter(path: string, position: number): string {
    const key = `c${position}`;
    this.keyOfPath.set(path, key);
    this.issued.set(key, []);
    return key;
  }

  keyOf(path: string): string | undefined {
    return this.keyOfPath.get(path);
  }

  /** The book-wide anchor for an id of a chapter (whether or not it exists). */
  nameOf(key: string, id: string): string {
    return `${key}-${id.replace(/\s+/g, '_')}`;
  }

  /** For the converter: an id met in a chapter, recorded so it can be found again. */
  issue(key: string, id: string): string {
    const name = this.nameOf(key, id);
    this.issued.get(key)?.push(name);
    return name;
  }

  /**
   * After a chapter is converted: which of its ids landed on blocks, and where the others went (the
   * converter folds ids that share a place into the next block's), and what names its start.
   */
  settleChapter(key: string, blocks: BlockDraft[]): void {
    const landed = blocks.map((b) => b.anchor).filter((a): a is string => a !== undefined);
    const landedSet = new Set(landed);
    const issued = this.issued.get(key) ?? [];
    let lastLanded: string | undefined;
    for (let i = issued.length - 1; i >= 0; i--) {
      const name = issued[i];
      if (landedSet.has(name)) lastLanded = name;
      else if (lastLanded) this.settled.set(name, lastLanded);
    }
    for (const name of landed) this.settled.set(name, name);
    // Ids after the last block's own anchor went to that block.
    const final = landed[landed.length - 1];
    if (final) for (const name of issued) if (!this.settled.has(name)) this.settled.set(name, final);
    const first = blocks[0];
    if (first) {
      first.anchor ??= key;
      this.startOf.set(key, first.anchor);
      this.settled.set(first.anchor, first.anchor);
    }
  }

  /** Where an anchor written during conversion points now: a block's anchor, or undefined for nowhere. */
  resolve(name: string): string | undefined {
    const start = this.startOf.get(name);
    if (start) return start;
    const settled = this.settled.get(name);
    if (settled) return settled;
    // An id the chapter does not have: its chapter's start, when that chapter is in the book.
    const dash = name.indexOf('-');
    return dash > 0 ? this.startOf.get(name.slice(0, dash)) : undefined;
  }

  /** The anchor of a chapter's first block. */
  startOfChapter(key: string): string | undefined {
    return this.startOf.get(key);
  }
}
