import { openLibrary } from '../route';

/** The way back to the library from a view of its own (the Trash, the notebook); `view` names the landmark. */
export function BackToLibrary({ view }: { view: string }) {
  return (
    <nav className="back-nav" aria-label={view}>
      <button type="button" className="button button-quiet" onClick={openLibrary}>
        <span aria-hidden="true">← </span>Back to library
      </button>
    </nav>
  );
}
