import { useRef } from 'react';

export const ACCEPTED_TYPES = '.txt,.md,.markdown,text/plain,text/markdown';

/** The visible "Import" button opens the (visually hidden but labelled) file input. */
export function ImportButton({ onFiles, busy, primary }: { onFiles: (files: File[]) => void; busy: boolean; primary?: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        className={primary ? 'button button-primary' : 'button'}
        disabled={busy}
        onClick={() => input.current?.click()}
      >
        Import
      </button>
      <input
        ref={input}
        type="file"
        multiple
        accept={ACCEPTED_TYPES}
        aria-label="Choose files to import"
        className="visually-hidden"
        tabIndex={-1}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          onFiles(files);
        }}
      />
    </>
  );
}
