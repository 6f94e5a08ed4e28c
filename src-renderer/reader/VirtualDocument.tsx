// A document of any length in the page: only the blocks near the viewport are rendered, fetched from
// the host in slices (document:blocks); the rest is space of the height it will take, estimated from
// each block's length and kind until it has been laid out once. The scroll bar, the reading position,
// selections, highlights, links and jumps work as if the whole text were there: every rendered block
// keeps its data-start, so offsets map to the DOM exactly as before (offsets.ts).
import { forwardRef, useCallback, useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Block } from '../../src-main/ipc/contract';
import { DocumentBody } from './DocumentBody';
import { findMasthead, type Masthead } from './masthead';
import { blockIndexAt } from './blockIndex';
import { createOffsetMap } from './offsets';
import type { BlockStore } from './blockStore';
import { blockAtY, estimateHeights, MASTHEAD_BLOCKS, openingRange, prefixSums, rendersWhole, scaleFor, ScrollSpace } from './estimates';
import { READING_LINE } from './useReadingPosition';
import { currentReadingSettings, subscribeReadingSettings } from '../settings/store';

/** How far beyond the viewport blocks are rendered, in viewport heights, above and below. */
const OVERSCAN = 1.5;
/** A selection keeps its blocks rendered, up to this many beyond the window. */
const MAX_PINNED = 3000;

export interface VirtualDocumentHandle {
  /** Render the text around `offset` and scroll it to `lineFromTop` pixels below the window's top. */
  jumpTo(offset: number, lineFromTop?: number): Promise<void>;
  /** The start or the end of the document, at the top or the foot of the page. */
  jumpToEdge(edge: 'start' | 'end'): Promise<void>;
  /** Where a jump not finished yet is going (its text is still on its way), or null. */
  pendingOffset(): number | null;
}

interface Props {
  /** the blocks fetched so far, the way to fetch more, and their outline (a rename elsewhere leaves it be) */
  store: BlockStore;
  /** where to open: the reading position, a search match… */
  initialOffset: number;
  title: string;
  /** called after every change of what is rendered (the offset map must be made again) */
  onRendered(): void;
}

export const VirtualDocument = forwardRef<VirtualDocumentHandle, Props & { bodyRef: React.RefObject<HTMLDivElement | null> }>(
  function VirtualDocument({ store, initialOffset, title, onRendered, bodyRef }, ref) {
    const outline = store.outline;
    const id = outline.document.id;
    const count = outline.starts.length;
    const whole = rendersWhole(outline);
    const frameRef = useRef<HTMLDivElement>(null);
    // One outline (and its store) per mount: the reader gives each document, and each new reading of it, its own key.
    const heights = useRef<Float64Array | null>(null);
    const prefix = useRef<Float64Array | null>(null);
    // The reader fetched the first blocks and those where it opens before mounting this: they are
    // rendered at once, with the page.
    const [masthead] = useState<Masthead | undefined>(() => findMasthead(store.slice(0, MASTHEAD_BLOCKS), title));
    const opening = useRef(blockIndexAt(outline.starts, initialOffset)).current;
    /** the rendered blocks [first, last) */
    const [range, setRange] = useState<[number, number]>(() =>
      openingRange(outline, opening, { width: window.innerWidth, height: window.innerHeight }, currentReadingSettings()),
    );
    const pendingScroll = useRef<{ index: number; offset: number; line: number; done: () => void } | null>(
      opening > 0 ? { index: opening, offset: initialOffset, line: READING_LINE, done: () => undefined } : null,
    );
    /** the blocks in the page now, whose paddings are set (the range rendered, once laid out) */
    const rendered = useRef(range);
    /** the scale of the space not rendered, kept from the first estimates (its page moves with it) */
    const scale = useRef<number | null>(null);
    /** the page's space for the document with the blocks in the page now */
    const space = useCallback(
      (p: Float64Array) => new ScrollSpace((scale.current ??= scaleFor(p[count]!)), p[count]!, p[rendered.current[0]]!, p[rendered.current[1]]!),
      [count],
    );
    /**
     * What the reader is looking at before what is rendered changes, kept where it is on screen after:
     * the block in view and its place, or, in the space of blocks not rendered (a jump to the end, a
     * drag of the scroll bar), a place in the document and its point of the window.
     */
    const anchor = useRef<{ start: number; top: number } | { docY: number; at: number } | null>(null);

    // The page keeps its place itself (below): the browser's scroll anchoring would also move it when the
    // space above the rendered blocks changes, once too often.
    useEffect(() => {
      const root = document.documentElement;
      const before = root.style.overflowAnchor;
      root.style.overflowAnchor = 'none';
      return () => {
        root.style.overflowAnchor = before;
      };
    }, []);

    const sums = useCallback((): Float64Array => {
      if (!heights.current) {
        const frame = frameRef.current;
        const style = frame ? getComputedStyle(frame) : null;
        const fontSize = style ? parseFloat(style.fontSize) || 18 : 18;
        const lineHeight = style ? parseFloat(style.lineHeight) || fontSize * 1.6 : fontSize * 1.6;
        const width = frame?.clientWidth || 680;
        heights.current = estimateHeights(outline, Math.max(20, width / (fontSize * 0.5)), lineHeight);
        prefix.current = null;
      }
      prefix.current ??= prefixSums(heights.current);
      return prefix.current;
    }, [outline]);

    /** The part of the document the window shows now, in document pixels (more than a window's height of it in scaled space). */
    const viewed = useCallback((): [number, number] => {
      const frame = frameRef.current;
      if (!frame) return [0, window.innerHeight];
      const s = space(sums());
      const y = -frame.getBoundingClientRect().top;
      return [s.docY(y), s.docY(y + window.innerHeight)];
    }, [space, sums]);

    /** The blocks to render for the viewport where it is now: around it, and any a selection holds. */
    const wanted = useCallback((): [number, number] => {
      if (whole) return [0, count];
      const p = sums();
      const [top, bottom] = viewed();
      const margin = window.innerHeight * OVERSCAN;
      let first = blockAtY(p, top - margin);
      let last = Math.min(count, blockAtY(p, bottom + margin) + 1);
      const pinned = selectionBlocks(bodyRef.current, outline.starts);
      if (pinned) {
        first = Math.max(Math.min(first, pinned[0]), last - MAX_PINNED);
        last = Math.min(Math.max(last, pinned[1] + 1), first + MAX_PINNED);
      }
      return [first, Math.max(first + 1, last)];
    }, [sums, viewed, count, bodyRef, outline.starts, whole]);

    const show = useCallback(
      (next: [number, number]) => {
        void store.load(next[0], next[1]).then(() => {
          const body = bodyRef.current;
          const seen = body && Array.from(body.querySelectorAll<HTMLElement>('[data-start]')).find((el) => el.getBoundingClientRect().bottom > 0);
          const frame = frameRef.current;
          // In the space not rendered, the point of the window as far down it as the window is down the
          // page: the top at the top, the end at the end (End, a drag of the scroll bar to its foot).
          const room = document.documentElement.scrollHeight - window.innerHeight;
          const at = room > 0 ? (window.scrollY / room) * window.innerHeight : 0;
          anchor.current = seen
            ? { start: Number(seen.dataset.start), top: seen.getBoundingClientRect().top }
            : frame && { docY: space(sums()).docY(at - frame.getBoundingClientRect().top), at };
          setRange((r) => (r[0] === next[0] && r[1] === next[1] ? r : next));
        });
      },
      [store, bodyRef, space, sums],
    );

    // Another text size, font or width: every block's height changes. The estimates are made again, and
    // the blocks on screen measured again, keeping the reader at the same place in the text.
    useEffect(
      () =>
        subscribeReadingSettings(() => {
          const map = bodyRef.current ? createOffsetMap(bodyRef.current) : null;
          const at = map?.blocks.find((b) => b.el.getBoundingClientRect().bottom > READING_LINE);
          heights.current = null;
          prefix.current = null;
          scale.current = null;
          if (at)
            pendingScroll.current = { index: blockIndexAt(outline.starts, at.start), offset: at.start, line: READING_LINE, done: () => undefined };
          setRange((r) => [r[0], r[1]]);
        }),
      [bodyRef, outline.starts],
    );

    // Follow the viewport.
    useEffect(() => {
      let frame = 0;
      const update = () => {
        cancelAnimationFrame(frame);
        frame = requestAnimationFrame(() => {
          const next = wanted();
          const [first, last] = range;
          // Re-render only when the viewport nears the edge of what is rendered.
          const p = sums();
          const [top, bottom] = viewed();
          const slack = window.innerHeight * (OVERSCAN / 2);
          const covered = p[first]! <= Math.max(0, top - slack) && p[last]! >= Math.min(p[count]!, bottom + slack);
          if (!covered || next[0] > first + 400 || next[1] < last - 400) show(next);
        });
      };
      window.addEventListener('scroll', update, { passive: true });
      window.addEventListener('resize', update);
      document.addEventListener('selectionchange', update);
      update();
      return () => {
        cancelAnimationFrame(frame);
        window.removeEventListener('scroll', update);
        window.removeEventListener('resize', update);
        document.removeEventListener('selectionchange', update);
      };
    }, [range, wanted, show, sums, viewed, count]);

    // After each render: measure what was laid out, correct the estimates, then finish a pending jump.
    useLayoutEffect(() => {
      const body = bodyRef.current;
      if (!body) return;
      sums(); // the estimates, made once the frame's width and font are known
      const elements = Array.from(body.querySelectorAll<HTMLElement>('[data-start]'));
      const tops: [number, number][] = [];
      for (const el of elements) {
        const index = blockIndexAt(outline.starts, Number(el.dataset.start));
        if (tops.length === 0 || tops[tops.length - 1]![0] < index) tops.push([index, el.getBoundingClientRect().top]);
      }
      const bottom = body.getBoundingClientRect().bottom;
      let changed = false;
      for (let k = 0; k < tops.length; k++) {
        const [index, top] = tops[k]!;
        const height = (k + 1 < tops.length ? tops[k + 1]![1] : bottom) - top;
        if (Math.abs(heights.current![index]! - height) > 0.5) {
          heights.current![index] = height;
          changed = true;
        }
      }
      if (changed) prefix.current = null;
      const p = sums();
      rendered.current = range;
      const frame = frameRef.current!;
      const { paddingTop, paddingBottom } = space(p);
      frame.style.paddingTop = `${paddingTop}px`;
      frame.style.paddingBottom = `${paddingBottom}px`;
      const jump = pendingScroll.current;
      const kept = anchor.current;
      anchor.current = null;
      if (kept && !jump) {
        // The block that was in view stays where it was on screen; a place in the space not rendered
        // stays at its point of the window.
        let moved = 0;
        if ('docY' in kept) moved = frame.getBoundingClientRect().top + space(p).pageY(kept.docY) - kept.at;
        else {
          const el = body.querySelector<HTMLElement>(`[data-start="${kept.start}"]`);
          if (el) moved = el.getBoundingClientRect().top - kept.top;
        }
        if (Math.abs(moved) > 0.5) window.scrollBy({ top: moved, behavior: 'instant' });
      }
      if (jump && jump.index >= range[0] && jump.index < range[1]) {
        pendingScroll.current = null;
        // The line the offset is on: one block of a scraped page can be many screens tall.
        const rect = createOffsetMap(body)
          .rangeFor(jump.offset, jump.offset + 1)
          ?.getBoundingClientRect();
        if (rect) window.scrollTo({ top: window.scrollY + rect.top - jump.line, behavior: 'instant' });
        jump.done();
      }
      onRendered();
    }, [range, masthead, bodyRef, outline.starts, count, sums, space, onRendered]);

    const jumpTo = useCallback(
      (offset: number, line = window.innerHeight / 3) =>
        new Promise<void>((resolve) => {
          const index = blockIndexAt(outline.starts, offset);
          const p = sums();
          pendingScroll.current = { index, offset, line, done: resolve };
          // Scroll first to where the estimate puts it, so the window follows from there.
          const frame = frameRef.current;
          if (frame)
            window.scrollTo({ top: window.scrollY + frame.getBoundingClientRect().top + space(p).pageY(p[index]!) - line, behavior: 'instant' });
          const margin = Math.ceil((window.innerHeight * OVERSCAN) / 24);
          show([Math.max(0, index - margin), Math.min(count, index + margin * 2)]);
        }),
      [outline.starts, sums, space, show, count],
    );

    useImperativeHandle(
      ref,
      () => ({
        jumpTo,
        // At once, not scrolled smoothly there: a long way through a page that changes on the way.
        jumpToEdge: async (edge) => {
          await jumpTo(edge === 'start' ? 0 : Math.max(0, outline.length - 1), 0);
          window.scrollTo({ top: edge === 'start' ? 0 : document.documentElement.scrollHeight, behavior: 'instant' });
        },
        pendingOffset: () => pendingScroll.current?.offset ?? null,
      }),
      [jumpTo, outline.length],
    );

    const headingLevel = useCallback((block: Block) => outline.levels?.[blockIndexAt(outline.starts, block.start)], [outline]);
    const blocks = useMemo(() => store.slice(range[0], range[1]), [store, range]);
    return (
      <div ref={frameRef} className="document-frame" style={{ paddingTop: 0 }}>
        <DocumentBody
          ref={bodyRef}
          blocks={blocks}
          title={title}
          documentId={id}
          language={outline.document.language}
          dir={outline.document.dir}
          pages={outline.pages}
          masthead={masthead}
          headingLevel={headingLevel}
        />
      </div>
    );
  },
);

/** The blocks a selection in the body starts and ends in, so they stay rendered while it lasts. */
function selectionBlocks(body: HTMLElement | null, starts: readonly number[]): [number, number] | null {
  const sel = window.getSelection();
  if (!body || !sel || sel.isCollapsed || sel.rangeCount === 0) return null;
  const range = sel.getRangeAt(0);
  const at = (node: Node): number | null => {
    const el = (node instanceof Element ? node : node.parentElement)?.closest<HTMLElement>('[data-start]');
    return el && body.contains(el) ? blockIndexAt(starts, Number(el.dataset.start)) : null;
  };
  const a = at(range.startContainer);
  const b = at(range.endContainer);
  if (a === null && b === null) return null;
  return [a ?? b!, b ?? a!];
}
