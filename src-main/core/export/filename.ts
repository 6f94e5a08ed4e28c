// File names for exported documents: readable (the title), legal on Windows, macOS and Linux, and
// stable: the same library, named in the same order, always gives the same names.

export const MAX_NAME_LENGTH = 80;

// Illegal on Windows (and "/" everywhere), control characters, and invisible or bidi-override
// characters that would make a name look like another.
// eslint-disable-next-line no-control-regex -- control characters are exactly what this must find
const ILLEGAL = /[<>:"/\\|?*\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/gu;
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/** Case- and normalization-insensitive key: macOS and Windows treat "Notes.md" and "notes.md" as one file. */
export const fileNameKey = (name: string): string => name.normalize('NFC').toLowerCase();

function cut(name: string): string {
  if (name.length <= MAX_NAME_LENGTH) return name;
  let end = name.lastIndexOf(' ', MAX_NAME_LENGTH);
  // No word boundary in a sensible place: cut mid-word, but never inside a surrogate pair.
  if (end < MAX_NAME_LENGTH / 2) {
    end = MAX_NAME_LENGTH;
    const code = name.charCodeAt(end - 1);
    if (code >= 0xd800 && code <= 0xdbff) end--;
  }
  return name.slice(0, end);
}

/** The title as a safe base name (no extension). */
export function safeBaseName(title: string): string {
  let base = title
    .normalize('NFC')
    .replace(ILLEGAL, ' ')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/^[.\s]+/u, '');
  base = cut(base).replace(/[.\s]+$/u, '');
  if (base === '') return 'Untitled';
  // Windows reserves these device names even with an extension ("con.notes.md").
  const stem = base.split('.')[0];
  if (RESERVED.test(stem.trimEnd())) base = `${stem}_${base.slice(stem.length)}`;
  return base;
}

/**
 * A file name ("Title.md") for a document, unused in `taken` (which holds fileNameKey()s and gets
 * the new name added). A second document with the same title gets " (<first 6 characters of its
 * id>)". Callers name documents sorted by (title, id), so names are stable across exports.
 */
export function markdownFileName(title: string, id: string, taken: Set<string>): string {
  const base = safeBaseName(title);
  const short = id.slice(0, 6);
  const candidates = [base, `${base} (${short})`, `${base} (${id})`];
  for (let n = 2; ; n++) {
    const name = `${candidates.shift() ?? `${base} (${id} ${n})`}.md`;
    if (!taken.has(fileNameKey(name))) {
      taken.add(fileNameKey(name));
      return name;
    }
  }
}
