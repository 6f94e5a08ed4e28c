// Undo and Redo of the core's history (highlights, tags, renames, deletes), anywhere in the app:
// Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z and Ctrl+Y (not on macOS). In a text field the keys are the field's own.
// The desktop Edit menu runs the same steps in the host and tells the window through `history:changed`.
import { useEffect } from 'react';
import type { HistoryStep } from '../../src-main/ipc/contract';
import type { GlossClient } from '../client';
import { useClient } from '../clientContext';
import { emitHistoryChange, writesSettled } from './historyEvents';
import { useNotices, type Notices } from './notices';

const STATUS_MS = 6000;

/** "Undo highlight colour" -> "Undid highlight colour"; "Redo rename" -> "Redid rename". */
export function pastTense(label: string): string {
  return label.replace(/^Undo\b/, 'Undid').replace(/^Redo\b/, 'Redid');
}

/** Say what a step did and let every view refresh. */
export function reportHistoryStep(step: HistoryStep, which: 'undo' | 'redo', notices: Notices): void {
  if (!step.done) {
    notices.status({ lines: [which === 'undo' ? 'Nothing to undo.' : 'Nothing to redo.'], timeoutMs: 3000 });
    return;
  }
  const fallback = which === 'undo' ? 'Undid the last change' : 'Redid the last change';
  notices.status({ lines: [`${step.label ? pastTense(step.label) : fallback}.`], timeoutMs: STATUS_MS, acrossViews: true });
  emitHistoryChange(step);
}

/** Run one Undo or Redo through the core, then report it (errors in words). */
export async function runHistory(client: GlossClient, notices: Notices, which: 'undo' | 'redo'): Promise<HistoryStep | null> {
  try {
    await writesSettled();
    const step = await client.call(which === 'undo' ? 'history:undo' : 'history:redo', {});
    reportHistoryStep(step, which, notices);
    return step;
  } catch (error) {
    notices.error(error);
    return null;
  }
}

const isMac = () => /Mac|iPhone|iPad/.test(navigator.platform);

/** A place where typing happens: the keys belong to its own undo there. */
export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['button', 'checkbox', 'radio', 'range', 'color', 'file', 'submit', 'reset', 'image'].includes(target.type);
  }
  return false;
}

/** Which history step a key asks for, if any. */
export function undoKey(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>, mac: boolean): 'undo' | 'redo' | null {
  const mod = mac ? event.metaKey : event.ctrlKey;
  if (!mod || event.altKey) return null;
  const key = event.key.toLowerCase();
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !mac && !event.shiftKey) return 'redo';
  return null;
}

export function useUndoKeys(): void {
  const client = useClient();
  const notices = useNotices();

  useEffect(() => {
    const mac = isMac();
    let busy = false;
    const onKey = (event: KeyboardEvent) => {
      const which = undoKey(event, mac);
      if (!which || event.defaultPrevented || isTextField(event.target)) return;
      event.preventDefault();
      // One step at a time: a held key must not send a burst the core answers out of order.
      if (busy) return;
      busy = true;
      void runHistory(client, notices, which).finally(() => {
        busy = false;
      });
    };
    window.addEventListener('keydown', onKey);
    const offMenu = client.onEvent('history:changed', (change) => reportHistoryStep(change.step, change.action, notices));
    return () => {
      window.removeEventListener('keydown', onKey);
      offMenu();
    };
  }, [client, notices]);
}
