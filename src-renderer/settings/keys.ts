// Ctrl/Cmd + "+", "−", "0": the text size, anywhere in the app but while typing. Plain functions over
// the few fields of a key press, so the unit tests can check them.
import type { TextSizeStep } from '../../src-main/ipc/contract';

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/** The text-size step a key press asks for, or null. "+" is Shift+"=" on most layouts, so "=" counts too. */
export function textSizeStepOf(press: KeyPress): TextSizeStep | null {
  if (!(press.ctrlKey || press.metaKey) || press.altKey) return null;
  switch (press.key) {
    case '+':
    case '=':
      return 'larger';
    case '-':
    case '_':
    case '−':
      return 'smaller';
    case '0':
      return 'reset';
    default:
      return null;
  }
}

/** Inputs that take a click or an arrow, not typing: the keys still change the text size there. */
const NOT_TYPED = new Set(['range', 'checkbox', 'radio', 'button', 'submit', 'reset', 'color', 'file', 'image']);

/** Whether the key press lands where the user is typing (a text field, a text area, editable text). */
export function isTypingTarget(target: { tagName?: string; type?: string; isContentEditable?: boolean } | null): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName?.toLowerCase();
  if (tag === 'textarea') return true;
  return tag === 'input' && !NOT_TYPED.has((target.type ?? 'text').toLowerCase());
}

/**
 * Whether the page itself handles these keys. Not in the desktop app: there View › Text Size's
 * accelerators take them (for the whole window), and handling them here too would step twice.
 */
export const pageHandlesTextSizeKeys = (host: 'desktop' | 'web'): boolean => host !== 'desktop';
