// "Reading settings" in the reader's header: opens the panel, and is where View › Reading Settings…
// (desktop menu) opens it while a document is on screen.
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { registerPanelOpener } from './panelRequests';
import { ReadingSettingsPanel } from './ReadingSettingsPanel';

export function ReadingSettingsButton() {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  useEffect(() => registerPanelOpener(() => setOpen(true)), []);

  const close = useCallback((returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) button.current?.focus();
  }, []);

  return (
    <>
      <button
        ref={button}
        type="button"
        className="button button-small button-quiet"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((o) => !o)}
      >
        Reading settings
      </button>
      {/* In <body>, so no transformed ancestor can take it off its fixed place at the top of the window. */}
      {open && createPortal(<ReadingSettingsPanel id={panelId} anchor={button} onClose={close} />, document.body)}
    </>
  );
}
