// Canonical offsets <-> DOM positions. Every rendered block carries data-start (where its text begins
// in the canonical text) and contains exactly its block text, split only by inline mark elements, so
// counting text-node lengths inside a block gives the offset within it.

export interface BlockSpan {
  el: Element;
  start: number;
  end: number;
}

export interface OffsetMap {
  blocks: BlockSpan[];
  /** The canonical offset of a DOM boundary point; null when it lies outside the document. */
  offsetOf(node: Node, offsetInNode: number, bias?: 'start' | 'end'): number | null;
  /** A DOM Range covering canonical [start, end); null when no block intersects it. */
  rangeFor(start: number, end: number): Range | null;
}

const BLOCK_SELECTOR = '[data-start]';

/** The text nodes that belong to this block itself, not to a block nested inside it. */
function ownTextNodes(block: Element): Text[] {
  const doc = block.ownerDocument;
  const walker = doc.createTreeWalker(block, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.parentElement?.closest(BLOCK_SELECTOR) === block ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT),
  });
  const nodes: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
  return nodes;
}

function blockLength(block: Element): number {
  return ownTextNodes(block).reduce((sum, t) => sum + t.data.length, 0);
}

export function collectBlocks(root: Element): BlockSpan[] {
  const blocks: BlockSpan[] = [];
  for (const el of Array.from(root.querySelectorAll(BLOCK_SELECTOR))) {
    const start = Number(el.getAttribute('data-start'));
    if (!Number.isFinite(start)) continue;
    const endAttr = el.getAttribute('data-end');
    const end = endAttr !== null ? Number(endAttr) : start + blockLength(el);
    blocks.push({ el, start, end });
  }
  blocks.sort((a, b) => a.start - b.start);
  return blocks;
}

/** How many characters of the block's own text come before the boundary point (node, offset). */
export function textBefore(block: Element, node: Node, offsetInNode: number): number {
  const doc = block.ownerDocument;
  const point = doc.createRange();
  point.setStart(node, offsetInNode);
  let count = 0;
  for (const text of ownTextNodes(block)) {
    if (text === node) return count + Math.min(offsetInNode, text.data.length);
    // comparePoint: -1 when (text, 0) is before the point, 1 when after.
    if (point.comparePoint(text, 0) > 0) return count;
    count += text.data.length;
  }
  return count;
}

/** Where canonical-relative offset k (0..length) lies among the block's text nodes. */
function locate(block: Element, k: number, preferNext: boolean): { node: Node; offset: number } {
  const texts = ownTextNodes(block);
  let acc = 0;
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i]!;
    const len = text.data.length;
    const inside = preferNext ? k < acc + len : k <= acc + len;
    if (inside) return { node: text, offset: Math.max(0, k - acc) };
    acc += len;
  }
  const last = texts[texts.length - 1];
  return last ? { node: last, offset: last.data.length } : { node: block, offset: 0 };
}

/** Index of the first block whose end is after `offset` (binary search over sorted blocks). */
function firstBlockEndingAfter(blocks: BlockSpan[], offset: number): number {
  let lo = 0;
  let hi = blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function createOffsetMap(root: Element): OffsetMap {
  const blocks = collectBlocks(root);
  const byElement = new Map(blocks.map((b) => [b.el, b] as const));

  function offsetOf(node: Node, offsetInNode: number, bias: 'start' | 'end' = 'start'): number | null {
    if (!root.contains(node)) return null;
    const el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
    const blockEl = el?.closest(BLOCK_SELECTOR);
    const block = blockEl && root.contains(blockEl) ? byElement.get(blockEl) : undefined;
    if (block) return block.start + Math.min(textBefore(block.el, node, offsetInNode), block.end - block.start);

    // Between blocks (e.g. a selection that ends on a list element): snap to the nearest block edge.
    const point = root.ownerDocument.createRange();
    point.setStart(node, offsetInNode);
    const nextIndex = blocks.findIndex((b) => point.comparePoint(b.el, 0) > 0);
    if (bias === 'start') {
      if (nextIndex >= 0) return blocks[nextIndex]!.start;
      const last = blocks[blocks.length - 1];
      return last ? last.end : null;
    }
    const prev = nextIndex < 0 ? blocks[blocks.length - 1] : blocks[nextIndex - 1];
    if (prev) return prev.end;
    return blocks[0] ? blocks[0].start : null;
  }

  function rangeFor(start: number, end: number): Range | null {
    let first = firstBlockEndingAfter(blocks, start);
    while (first < blocks.length && blocks[first]!.end === blocks[first]!.start) first++;
    const firstBlock = blocks[first];
    if (!firstBlock || firstBlock.start >= end) return null;
    let lastIdx = first;
    for (let i = first + 1; i < blocks.length && blocks[i]!.start < end; i++) {
      if (blocks[i]!.end > blocks[i]!.start) lastIdx = i;
    }
    const lastBlock = blocks[lastIdx]!;
    const from = locate(firstBlock.el, Math.max(start, firstBlock.start) - firstBlock.start, true);
    const to = locate(lastBlock.el, Math.min(end, lastBlock.end) - lastBlock.start, false);
    const range = root.ownerDocument.createRange();
    range.setStart(from.node, from.offset);
    range.setEnd(to.node, to.offset);
    return range;
  }

  return { blocks, offsetOf, rangeFor };
}

/** The canonical offset under a viewport point, through whichever caret API the browser has. */
export function offsetAtPoint(map: OffsetMap, x: number, y: number): number | null {
  const doc = document as Document & { caretRangeFromPoint?: (x: number, y: number) => Range | null };
  if (typeof doc.caretPositionFromPoint === 'function') {
    const pos = doc.caretPositionFromPoint(x, y);
    return pos ? map.offsetOf(pos.offsetNode, pos.offset) : null;
  }
  if (typeof doc.caretRangeFromPoint === 'function') {
    const range = doc.caretRangeFromPoint(x, y);
    return range ? map.offsetOf(range.startContainer, range.startOffset) : null;
  }
  return null;
}
