// A tiny signal that the core's history moved (an Undo or Redo, from the keys, a status line's Undo or
// the desktop Edit menu): every view that shows what a step can change (the library, the Trash, the
// reader's highlights and header, the tags) listens and fetches again.
import { useEffect, useRef } from 'react';
import type { HistoryStep } from '../../src-main/ipc/contract';

type Listener = (step: HistoryStep) => void;
const listeners = new Set<Listener>();

export function emitHistoryChange(step: HistoryStep): void {
  for (const listener of [...listeners]) listener(step);
}

/** Calls `listener` after every Undo or Redo that did something (the newest `listener`, no resubscribing). */
export function useHistoryChange(listener: Listener): void {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => {
    const call: Listener = (step) => latest.current(step);
    listeners.add(call);
    return () => {
      listeners.delete(call);
    };
  }, []);
}
