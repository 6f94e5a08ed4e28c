import { useRef } from 'react';
import { IMPORT_ACCEPT } from '../../src-main/ipc/contract';

interface Props {
  onFiles: (files: File[]) => void;
  busy: boolean;
  primary?: boolean;
  /** why importing is off (a read-only library), shown as the button's description */
  disabledReason?: string | null;
  /** id of the element that says why, when it is off */
  describedBy?: string;
}

/** The visible "Import" button opens the (visually hidden but labelled) file input. */
export function ImportButton({ onFiles, busy, primary, disabledReason, describedBy }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const off = Boolean(disabledReason);
  return (
    <>
      <button
        type="button"
        className={primary ? 'button button-primary' : 'button'}
        disabled={busy || off}
        title={disabledReason ?? undefined}
        aria-describedby={off ? describedBy : undefined}
        onClick={() => input.current?.click()}
      >
        Import
      </button>
      <input
        ref={input}
        type="file"
        multiple
        accept={IMPORT_ACCEPT}
        aria-label="Choose files to import"
        className="visually-hidden"
        tabIndex={-1}
        disabled={off}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          onFiles(files);
        }}
      />
    </>
  );
}
