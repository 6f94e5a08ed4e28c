// A modal question before something that cannot be undone. Focus starts on the safe choice;
// Escape or a click outside cancels.
import { useEffect, useRef, type ReactNode } from 'react';
import { Modal } from './Modal';

interface Props {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onCancel }: Props) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <Modal role="alertdialog" labelledBy="confirm-title" describedBy="confirm-body" onCancel={onCancel}>
      <h2 id="confirm-title">{title}</h2>
      <div id="confirm-body">{children}</div>
      <div className="modal-actions">
        <button ref={cancel} type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="button button-danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
