// The notebook's Document filter: a field that suggests the documents with highlights as you type. A
// library of 10,000 documents as the options of a select takes most of a second to make, and nobody
// scrolls through them; a few dozen suggestions for what was typed are made at once.
import { useId, useMemo, useState } from 'react';
import type { NotebookFacets } from '../../src-main/ipc/contract';

const SUGGESTIONS = 50;

interface Props {
  /** the field's id, for its label */
  id: string;
  documents: NotebookFacets['documents'];
  /** the chosen document, '' for all */
  documentId: string;
  onChange: (documentId: string) => void;
}

export function DocumentField({ id, documents, documentId, onChange }: Props) {
  const listId = useId();
  // Each document by a name of its own: a second one with the same title has the start of its id added.
  const named = useMemo(() => {
    const seen = new Set<string>();
    return documents.map((d) => {
      const name = seen.has(d.title) ? `${d.title} (${d.id.slice(0, 6)})` : d.title;
      seen.add(d.title);
      return { ...d, name, key: name.toLowerCase() };
    });
  }, [documents]);
  const chosenName = documentId ? (named.find((d) => d.id === documentId)?.name ?? '(a document not in the library)') : '';
  /** what is being typed; null shows the chosen document */
  const [typed, setTyped] = useState<string | null>(null);
  const needle = typed?.trim().toLowerCase() ?? '';
  const suggestions = useMemo(() => named.filter((d) => d.key.includes(needle)).slice(0, SUGGESTIONS), [named, needle]);

  return (
    <>
      <input
        id={id}
        type="search"
        className="notebook-document"
        list={listId}
        placeholder="All documents"
        autoComplete="off"
        value={typed ?? chosenName}
        onChange={(e) => {
          const text = e.target.value;
          const match = named.find((d) => d.name === text);
          if (match || text === '') {
            onChange(match?.id ?? '');
            setTyped(null);
          } else setTyped(text);
        }}
        // a name left unfinished gives way to the document chosen
        onBlur={() => setTyped(null)}
      />
      <datalist id={listId}>
        {suggestions.map((d) => (
          <option key={d.id} value={d.name} label={`${d.count.toLocaleString()} ${d.count === 1 ? 'highlight' : 'highlights'}`} />
        ))}
      </datalist>
    </>
  );
}
