// The one modal frame: a backdrop that cancels on click, Escape that cancels, and the dialog's
// accessible name from its heading. With `onSubmit` the dialog is a form (Enter submits).
import type { FormEvent, KeyboardEvent, ReactNode } from 'react';

interface Props {
  role?: 'dialog' | 'alertdialog';
  /** id of the heading that names the dialog */
  labelledBy: string;
  describedBy?: string;
  onCancel: () => void;
  onSubmit?: (event: FormEvent) => void;
  children: ReactNode;
}

export function Modal({ role = 'dialog', labelledBy, describedBy, onCancel, onSubmit, children }: Props) {
  const props = {
    className: 'modal',
    role,
    'aria-modal': true,
    'aria-labelledby': labelledBy,
    'aria-describedby': describedBy,
    onKeyDown: (e: KeyboardEvent) => e.key === 'Escape' && onCancel(),
  };
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onCancel()}>
      {onSubmit ? (
        <form {...props} onSubmit={onSubmit}>
          {children}
        </form>
      ) : (
        <div {...props}>{children}</div>
      )}
    </div>
  );
}
