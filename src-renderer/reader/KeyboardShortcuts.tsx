// Every key Gloss answers to, in one dialog: "?" (when not typing in a field) or the reader's
// "Keyboard shortcuts" button opens it. The list is here, beside the keys' own handlers' names, so a
// new key is added to it in one place.
import { Fragment, useEffect, useId, useRef, useState } from 'react';
import { COLORS } from '../../src-main/ipc/contract';
import { Modal } from '../components/Modal';
import { isTypingTarget } from '../settings/keys';
import { COLOR_NAMES } from './colors';
import { CARET_KEYS } from './useCaretMode';

const mod = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? 'Cmd' : 'Ctrl';

export const SHORTCUT_GROUPS: { title: string; keys: [string, string][] }[] = [
  {
    title: 'Reader',
    keys: [
      ['?', 'Show this list of keys'],
      [`${mod}+F`, 'Find in the document (Enter: next match, Shift+Enter: previous, Escape: close)'],
      ['Contents button', 'Table of contents; a heading jumps there'],
      ['Home / End', 'The start or the end of the document'],
      ['Escape', 'Close the highlight editor, a menu or a dialog'],
      ['Context-menu key, Shift+F10', 'Menu of a highlight in the Highlights panel (also right-click)'],
    ],
  },
  {
    title: 'Highlighting with the keyboard',
    keys: [
      ['F7', 'Caret mode on or off: a caret in the text'],
      ...CARET_KEYS,
      ...COLORS.map((color, i): [string, string] => [String(i + 1), `With text selected: highlight ${COLOR_NAMES[color].toLowerCase()}`]),
      ['N', 'With text selected: highlight and write a note'],
    ],
  },
  {
    title: 'Notes',
    keys: [
      ['Enter on a note', 'Edit it in place'],
      ['Escape in a note', 'Show it rendered again (the note is saved)'],
      [`${mod}+Enter in a note`, 'Save the note'],
    ],
  },
  {
    title: 'Undo and text size',
    keys: [
      [`${mod}+Z`, 'Undo the last change to your marks'],
      [`${mod}+Shift+Z`, 'Redo'],
      [`${mod}+Plus / ${mod}+Minus`, 'Larger or smaller text'],
      [`${mod}+0`, 'Text size back to the default'],
    ],
  },
  {
    title: 'Library',
    keys: [
      ['Enter on a title', 'Open the document'],
      ['Context-menu key, Shift+F10', 'Menu of a document row (also right-click)'],
      [`${mod}+O`, 'Import files (desktop app)'],
      [`${mod}+E`, 'Export to Markdown (desktop app)'],
    ],
  },
];

/** The "Keyboard shortcuts" button and the dialog it opens; also opened by "?" anywhere outside a field. */
export function KeyboardShortcuts() {
  const [open, setOpen] = useState(false);
  const titleId = useId();
  const closeButton = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '?' || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (isTypingTarget(target) || target?.closest?.('[role="dialog"], [role="menu"]')) return;
      event.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    if (open) closeButton.current?.focus();
  }, [open]);

  const close = () => {
    setOpen(false);
    opener.current?.focus();
  };

  return (
    <>
      <button ref={opener} type="button" className="button button-quiet" aria-keyshortcuts="?" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        Keyboard shortcuts
      </button>
      {open && (
        <Modal labelledBy={titleId} onCancel={close}>
          <div className="shortcuts-dialog">
            <h2 id={titleId}>Keyboard shortcuts</h2>
            {SHORTCUT_GROUPS.map((group) => (
              <section key={group.title} aria-label={group.title}>
                <h3>{group.title}</h3>
                <dl className="shortcut-list">
                  {group.keys.map(([keys, what]) => (
                    <Fragment key={keys}>
                      <dt>
                        <kbd>{keys}</kbd>
                      </dt>
                      <dd>{what}</dd>
                    </Fragment>
                  ))}
                </dl>
              </section>
            ))}
            <div className="modal-actions">
              <button ref={closeButton} type="button" className="button" onClick={close}>
                Close
              </button>
            </div>
          </div>
        </Modal>
      )}
    </>
  );
}
