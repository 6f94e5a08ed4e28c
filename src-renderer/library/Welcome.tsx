import type { ReactNode } from 'react';
import { IMPORT_FORMATS_TEXT } from '../../src-main/ipc/contract';

export function Welcome({ onOpenGuide, busy, importButton }: { onOpenGuide: () => void; busy: boolean; importButton: ReactNode }) {
  return (
    <section className="welcome" aria-labelledby="welcome-title">
      <h2 id="welcome-title">Welcome to Gloss</h2>
      <p>Gloss keeps your articles and reports on this computer, and lets you mark them up as you read.</p>
      <p>Highlight passages in colour, add notes and tags, find them again, and export them to Markdown.</p>
      <div className="welcome-actions">
        <button type="button" className="button button-primary" onClick={onOpenGuide} disabled={busy}>
          Open the welcome guide
        </button>
        {importButton}
      </div>
      <p className="muted">Gloss imports {IMPORT_FORMATS_TEXT}. You can also drop files anywhere on this window.</p>
    </section>
  );
}
