// Tags as chips with a remove button each, plus a text field: "method, to read" + Enter adds two.
import { useState, type KeyboardEvent } from 'react';
import { normalizeTags } from '../../src-main/ipc/contract';

interface Props {
  tags: string[];
  onChange: (tags: string[]) => void;
  /** accessible name of the text field */
  inputLabel: string;
  /** accessible name of the whole group */
  groupLabel: string;
  placeholder?: string;
}

/** "method, #to read" -> ["method", "to read"]: cleaned the way the core cleans tags. */
export function splitTags(text: string): string[] {
  return normalizeTags(text.split(','));
}

/** Tags compare the way the core compares them (foldTag); the first spelling is kept. */
export function mergeTags(existing: string[], added: string[]): string[] {
  return normalizeTags([...existing, ...added]);
}

export function TagEditor({ tags, onChange, inputLabel, groupLabel, placeholder }: Props) {
  const [draft, setDraft] = useState('');

  const commit = () => {
    const added = splitTags(draft);
    setDraft('');
    if (added.length === 0) return;
    const next = mergeTags(tags, added);
    if (next.length !== tags.length) onChange(next);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      commit();
    } else if (event.key === 'Backspace' && draft === '' && tags.length > 0) {
      onChange(tags.slice(0, -1));
    }
  };

  return (
    <div className="tag-editor" role="group" aria-label={groupLabel}>
      {tags.map((tag) => (
        <span key={tag} className="chip">
          <span className="chip-label">#{tag}</span>
          <button type="button" className="chip-remove" aria-label={`Remove tag ${tag}`} onClick={() => onChange(tags.filter((t) => t !== tag))}>
            ×
          </button>
        </span>
      ))}
      <input
        type="text"
        className="tag-input"
        aria-label={inputLabel}
        placeholder={placeholder ?? 'Add a tag…'}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={commit}
      />
    </div>
  );
}
