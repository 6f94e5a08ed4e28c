// The notebook's filters: a tag, colours (by name, with their swatch), a document, a date range and the
// order. The choices offered are the ones the library's highlights have, with how many of each.
import { memo, useId, type ReactNode } from 'react';
import { COLORS, type Color, type NotebookFacets, type NotebookFilter, type NotebookSort } from '../../src-main/ipc/contract';
import { COLOR_NAMES } from '../reader/colors';
import { DocumentField } from './DocumentField';

export interface FilterChoices {
  tag: string;
  colors: Color[];
  documentId: string;
  /** days as the date fields give them (YYYY-MM-DD, the user's own time zone), '' for none */
  from: string;
  to: string;
  query: string;
  sort: NotebookSort;
}

export const NO_CHOICES: FilterChoices = { tag: '', colors: [], documentId: '', from: '', to: '', query: '', sort: 'date-desc' };

const SORTS: { value: NotebookSort; label: string }[] = [
  { value: 'date-desc', label: 'Newest first' },
  { value: 'date-asc', label: 'Oldest first' },
  { value: 'document', label: 'By document' },
];

// One formatter for every count: toLocaleString makes one a call, which 10,000 documents feel.
const numbers = new Intl.NumberFormat();
const count = (n: number) => numbers.format(n);

/** The start of a day in the user's time zone (plus `days`), as an instant; undefined for none. */
function startOfDay(day: string, days = 0): string | undefined {
  const date = new Date(`${day}T00:00`);
  if (Number.isNaN(date.getTime())) return undefined;
  date.setDate(date.getDate() + days);
  return date.toISOString();
}

/** The choices as the core's filter: the "To" day is included, up to its end. */
export function filterOf(c: FilterChoices): NotebookFilter {
  const from = startOfDay(c.from);
  const to = startOfDay(c.to, 1);
  return {
    ...(c.tag ? { tags: [c.tag] } : {}),
    ...(c.colors.length > 0 ? { colors: c.colors } : {}),
    ...(c.documentId ? { documentIds: [c.documentId] } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(c.query.trim() ? { query: c.query.trim() } : {}),
  };
}

export const isFiltering = (c: FilterChoices): boolean => Object.keys(filterOf(c)).length > 0;

interface Props {
  facets: NotebookFacets | null;
  choices: FilterChoices;
  onChange: (change: Partial<FilterChoices>) => void;
}

/** Kept from rendering again while only the list changes (the facets may name 10,000 documents). */
export const NotebookFilters = memo(function NotebookFilters({ facets, choices, onChange }: Props) {
  const toggleColor = (color: Color, on: boolean) =>
    onChange({ colors: on ? [...choices.colors, color] : choices.colors.filter((c) => c !== color) });
  // A remembered choice that is gone (its tag removed, its document in the Trash) is still shown, so
  // the list is never narrowed by something invisible.
  const tags = facets?.tags ?? [];
  return (
    <div className="notebook-filters" role="group" aria-label="Filters">
      <Field label="Tag">
        {(id) => (
          <select id={id} value={choices.tag} onChange={(e) => onChange({ tag: e.target.value })}>
            <option value="">All tags</option>
            {choices.tag && !tags.some((t) => t.name === choices.tag) && <option value={choices.tag}>{choices.tag} (0)</option>}
            {tags.map((t) => (
              <option key={t.name} value={t.name}>
                {t.name} ({count(t.count)})
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Document">
        {(id) => (
          <DocumentField
            id={id}
            documents={facets?.documents ?? []}
            documentId={choices.documentId}
            onChange={(documentId) => onChange({ documentId })}
          />
        )}
      </Field>
      <Field label="From">
        {(id) => (
          <input id={id} type="date" value={choices.from} max={choices.to || undefined} onChange={(e) => onChange({ from: e.target.value })} />
        )}
      </Field>
      <Field label="To">
        {(id) => <input id={id} type="date" value={choices.to} min={choices.from || undefined} onChange={(e) => onChange({ to: e.target.value })} />}
      </Field>
      <Field label="Sort">
        {(id) => (
          <select id={id} value={choices.sort} onChange={(e) => onChange({ sort: e.target.value as NotebookSort })}>
            {SORTS.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset className="notebook-colors">
        <legend>Colour</legend>
        {COLORS.map((color) => (
          <label key={color} className={`notebook-color swatch-${color}`}>
            <input type="checkbox" checked={choices.colors.includes(color)} onChange={(e) => toggleColor(color, e.target.checked)} />
            <span className="swatch" aria-hidden="true" />
            {COLOR_NAMES[color]} <span className="muted">({count(facets?.colors.find((c) => c.color === color)?.count ?? 0)})</span>
          </label>
        ))}
      </fieldset>
      {isFiltering(choices) && (
        <button type="button" className="button button-quiet" onClick={() => onChange({ ...NO_CHOICES, sort: choices.sort })}>
          Clear filters
        </button>
      )}
    </div>
  );
});

/** A control with a label of its own (a label wrapping a select would take the options into its name). */
function Field({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <span className="field-inline">
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </span>
  );
}
