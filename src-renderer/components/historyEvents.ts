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

// Changes sent to the core and not answered yet. An Undo waits for them: a key pressed just after a
// change (shown at once, before the core has it) must undo that change, not the one before it.
const writes = new Set<Promise<unknown>>();

export function trackWrite<T>(write: Promise<T>): Promise<T> {
  writes.add(write);
  const done = () => writes.delete(write);
  write.then(done, done);
  return write;
}

export async function writesSettled(): Promise<void> {
  while (writes.size > 0) await Promise.allSettled([...writes]);
}
