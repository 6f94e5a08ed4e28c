// View › Reading Settings… (desktop menu) asks the window to show the panel. The reader's header
// button answers when it is on the page; otherwise ReadingSettingsRoot shows the panel itself.
let opener: (() => void) | null = null;

/** The header button registers while mounted; returns the unregister function. */
export function registerPanelOpener(open: () => void): () => void {
  opener = open;
  return () => {
    if (opener === open) opener = null;
  };
}

/** Opens the panel where the reader shows it; false when no reader is on the page. */
export function openPanelInPlace(): boolean {
  if (!opener) return false;
  opener();
  return true;
}
