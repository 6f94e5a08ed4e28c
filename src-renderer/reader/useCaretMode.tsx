// Caret mode (F7, as in browsers): a caret in the document text, moved by the keys, so a passage can
// be selected and highlighted without a mouse. Browsers offer caret browsing only behind a setting,
// so it is built here on the DOM Selection (Selection.modify, which Chromium implements): the
// selection is the caret, and a caret drawn at its focus point shows where it is.
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { useNotices } from '../components/notices';
import { isTypingTarget } from '../settings/keys';

type Granularity = 'character' | 'word' | 'sentence' | 'paragraph' | 'line' | 'lineboundary';
type Direction = 'forward' | 'backward';

/** The keys, for the shortcuts dialog: [keys, what they do]. */
export const CARET_KEYS: [string, string][] = [
  ['Arrow keys', 'In caret mode: move the caret by character or line'],
  ['Ctrl/Alt+Left/Right', 'In caret mode: move by word'],
  ['Shift+Arrow keys', 'In caret mode: extend the selection by character or line'],
  ['Ctrl/Alt+Shift+Left/Right', 'In caret mode: extend by word'],
  [') and (', 'In caret mode: extend by sentence, forward or back'],
  ['Ctrl/Alt+Shift+Down/Up, } and {', 'In caret mode: extend by paragraph, forward or back'],
  ['Home / End', 'In caret mode: to the start or end of the line (with Shift: extend)'],
  ['Escape', 'In caret mode: drop the selection, keep the caret'],
];

/** What a key does in caret mode, or null when it is not a caret key. */
export function caretMotion(
  event: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'altKey' | 'metaKey'>,
): { alter: 'move' | 'extend'; direction: Direction; granularity: Granularity } | null {
  const { key, shiftKey: shift } = event;
  const byWord = event.ctrlKey || event.altKey || event.metaKey;
  const alter = shift ? 'extend' : 'move';
  switch (key) {
    case 'ArrowRight':
    case 'ArrowLeft':
      return { alter, direction: key === 'ArrowRight' ? 'forward' : 'backward', granularity: byWord ? 'word' : 'character' };
    case 'ArrowDown':
    case 'ArrowUp':
      return { alter, direction: key === 'ArrowDown' ? 'forward' : 'backward', granularity: byWord && shift ? 'paragraph' : 'line' };
    case 'Home':
    case 'End':
      return { alter, direction: key === 'End' ? 'forward' : 'backward', granularity: 'lineboundary' };
    case ')':
    case '(':
      return { alter: 'extend', direction: key === ')' ? 'forward' : 'backward', granularity: 'sentence' };
    case '}':
    case '{':
      return { alter: 'extend', direction: key === '}' ? 'forward' : 'backward', granularity: 'paragraph' };
    default:
      return null;
  }
}

/** Where the selection's focus is drawn, in viewport pixels. */
function caretBox(selection: Selection): { top: number; left: number; height: number } | null {
  if (!selection.focusNode) return null;
  const range = document.createRange();
  range.setStart(selection.focusNode, selection.focusOffset);
  range.collapse(true);
  let rect: DOMRect | undefined = range.getClientRects()[0];
  if (!rect || rect.height === 0) {
    // At an element's edge a collapsed range has no box: use the character beside it.
    const node = selection.focusNode;
    if (node.nodeType === Node.TEXT_NODE && (node as Text).length > 0) {
      const at = Math.min(selection.focusOffset, (node as Text).length - 1);
      range.setStart(node, at);
      range.setEnd(node, at + 1);
      const box = range.getClientRects()[0];
      if (box) rect = new DOMRect(selection.focusOffset > at ? box.right : box.left, box.top, 0, box.height);
    }
  }
  return rect && rect.height > 0 ? { top: rect.top, left: rect.left, height: rect.height } : null;
}

/** The first text of the document body that is in view, for the caret to start at. */
function firstVisibleText(body: HTMLElement): Text | null {
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.textContent?.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP),
  });
  let first: Text | null = null;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    first ??= n as Text;
    const box = (n.parentElement ?? body).getBoundingClientRect();
    if (box.bottom > 0 && box.top < window.innerHeight) return n as Text;
  }
  return first;
}

export function useCaretMode(bodyRef: RefObject<HTMLElement | null>, onEdge?: (edge: 'start' | 'end') => void) {
  const notices = useNotices();
  const [on, setOn] = useState(false);
  const [caret, setCaret] = useState<{ top: number; left: number; height: number } | null>(null);

  const inBody = useCallback((node: Node | null) => !!node && !!bodyRef.current?.contains(node), [bodyRef]);

  const placeCaret = useCallback(() => {
    const selection = window.getSelection();
    const body = bodyRef.current;
    if (!selection || !body) return false;
    if (selection.rangeCount > 0 && inBody(selection.focusNode)) return true;
    const text = firstVisibleText(body);
    if (text) selection.collapse(text, 0);
    return !!text;
  }, [bodyRef, inBody]);

  const toggle = useCallback(() => setOn((was) => !was), []);
  // Said in the app's one status region (aria-live), so a screen reader hears the mode change.
  const announced = useRef(false);
  useEffect(() => {
    if (!on && !announced.current) return;
    announced.current = true;
    notices.status({
      lines: [on ? 'Caret mode on: arrow keys move the caret, Shift with them selects, then 1–5 highlight. F7 turns it off.' : 'Caret mode off.'],
      timeoutMs: 5000,
    });
  }, [on, notices]);

  // The text may still be on its way (just opened): try again for a moment.
  useEffect(() => {
    if (!on) return;
    let tries = 0;
    let frame = 0;
    const attempt = () => {
      if (!placeCaret() && ++tries < 60) frame = requestAnimationFrame(attempt);
    };
    attempt();
    return () => cancelAnimationFrame(frame);
  }, [on, placeCaret]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'F7' && !event.ctrlKey && !event.metaKey && !event.altKey && !event.shiftKey) {
        event.preventDefault();
        toggle();
        return;
      }
      const target = event.target as HTMLElement | null;
      if (
        isTypingTarget(target) ||
        target?.closest?.('[role="dialog"], [role="menu"], [role="radiogroup"], select, .highlight-panel, .contents-panel')
      )
        return;
      if (!on) {
        // Home and End go to the start and end of the whole document: the page holds only part of it.
        if ((event.key === 'Home' || event.key === 'End') && !event.altKey && !event.shiftKey && onEdge) {
          event.preventDefault();
          onEdge(event.key === 'Home' ? 'start' : 'end');
        }
        return;
      }
      const selection = window.getSelection();
      if (!selection) return;
      if (event.key === 'Escape' && !selection.isCollapsed) {
        selection.collapseToEnd();
        event.preventDefault();
        return;
      }
      const motion = caretMotion(event);
      if (!motion) return;
      if (!inBody(selection.focusNode)) placeCaret();
      event.preventDefault();
      selection.modify(motion.alter, motion.direction, motion.granularity);
      // Keep the caret in view; the reader renders what comes into view.
      const box = caretBox(selection);
      if (box && (box.top < 0 || box.top + box.height > window.innerHeight)) {
        const el = selection.focusNode?.parentElement;
        el?.scrollIntoView({ block: 'nearest' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [on, toggle, inBody, placeCaret, onEdge]);

  // Draw the caret where the selection's focus is, as it moves and as the page scrolls.
  useEffect(() => {
    if (!on) {
      setCaret(null);
      return;
    }
    let frame = 0;
    const update = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const selection = window.getSelection();
        setCaret(selection && inBody(selection.focusNode) ? caretBox(selection) : null);
      });
    };
    update();
    document.addEventListener('selectionchange', update);
    window.addEventListener('scroll', update, { passive: true, capture: true });
    window.addEventListener('resize', update);
    return () => {
      cancelAnimationFrame(frame);
      document.removeEventListener('selectionchange', update);
      window.removeEventListener('scroll', update, { capture: true });
      window.removeEventListener('resize', update);
    };
  }, [on, inBody]);

  return { on, toggle, caret };
}

/**
 * Caret mode, mounted once in the reader: the keys, the drawn caret, and the spoken mode changes.
 * Outside caret mode, Home and End call `onEdge` (the reader goes to the start or end of the document).
 */
export function CaretMode({ bodyRef, onEdge }: { bodyRef: RefObject<HTMLElement | null>; onEdge?: (edge: 'start' | 'end') => void }) {
  const { on, caret } = useCaretMode(bodyRef, onEdge);
  return on && caret ? <span className="reader-caret" aria-hidden="true" style={{ top: caret.top, left: caret.left, height: caret.height }} /> : null;
}
