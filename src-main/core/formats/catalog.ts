// The formats Gloss imports, as plain data: the one list behind the file chooser, the desktop menu's
// filters, drag and drop, the CLI's help, the welcome text and every "not supported" message. Pure
// (no parsers, no Node), so the renderer can take it through the contract. The parsers that go with
// each entry are in the importer registry (index.ts).

export const IMPORT_FORMATS = [
  { format: 'text', label: 'Plain text', extensions: ['.txt'], mimeTypes: ['text/plain'] },
  { format: 'markdown', label: 'Markdown', extensions: ['.md', '.markdown'], mimeTypes: ['text/markdown'] },
  { format: 'html', label: 'Web page', extensions: ['.html', '.htm', '.xhtml'], mimeTypes: ['text/html', 'application/xhtml+xml'] },
  { format: 'epub', label: 'EPUB', extensions: ['.epub'], mimeTypes: ['application/epub+zip'] },
  { format: 'pdf', label: 'PDF', extensions: ['.pdf'], mimeTypes: ['application/pdf'] },
] as const;

export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** The largest file Gloss imports. Bigger files are refused up front, before they are read. */
export const MAX_IMPORT_BYTES = 128 * 1024 * 1024;

export const IMPORT_EXTENSIONS: readonly string[] = IMPORT_FORMATS.flatMap((f) => f.extensions);

/** For an <input type="file" accept>: every extension and MIME type. */
export const IMPORT_ACCEPT = IMPORT_FORMATS.flatMap((f) => [...f.extensions, ...f.mimeTypes]).join(',');

/** "Plain text (.txt), Markdown (.md, .markdown)": for messages and help. */
export const IMPORT_FORMATS_TEXT = IMPORT_FORMATS.map((f) => `${f.label} (${f.extensions.join(', ')})`).join(', ');

export function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** The extension of a file name, lower-case with its dot ('' when there is none). */
export function extensionOf(name: string): string {
  const base = name.split(/[\\/]/).pop() || name;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

/** Whether Gloss can import a file of this name (decided by its extension, case-insensitively). */
export function isSupportedFile(name: string): boolean {
  return importFormatFor(name) !== undefined;
}

export function importFormatFor(name: string): ImportFormat | undefined {
  const ext = extensionOf(name);
  return IMPORT_FORMATS.find((f) => (f.extensions as readonly string[]).includes(ext));
}

/**
 * Files an import left alone, by kind: "3 files of other types left alone (2 .docx, 1 without an
 * extension)". Undefined when there are none.
 */
export function describeSkipped(paths: readonly string[]): string | undefined {
  if (paths.length === 0) return undefined;
  const counts = new Map<string, number>();
  for (const path of paths) {
    const ext = extensionOf(path);
    counts.set(ext, (counts.get(ext) ?? 0) + 1);
  }
  const kinds = [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] || '\uffff').localeCompare(b[0] || '\uffff'))
    .map(([ext, n]) => `${n} ${ext || 'without an extension'}`)
    .join(', ');
  return `${paths.length} ${paths.length === 1 ? 'file' : 'files'} of other types left alone (${kinds})`;
}

/** "about 40 s left", "about 3 min left": for progress lines. */
export function formatTimeLeft(seconds: number): string {
  if (seconds < 60) return `about ${Math.max(1, Math.round(seconds))} s left`;
  if (seconds < 3600) return `about ${Math.round(seconds / 60)} min left`;
  return `about ${(seconds / 3600).toFixed(1)} h left`;
}

/** Files and folders an operating system or a tool leaves around, never a user's document. */
const JUNK = new Set(['thumbs.db', 'ehthumbs.db', 'desktop.ini', '__macosx', '$recycle.bin', 'system volume information', '.ds_store']);

/** Hidden files, OS junk and Office lock files ("~$report.docx"): left out of folder imports without a word. */
export function isJunk(name: string): boolean {
  return name.startsWith('.') || name.startsWith('~$') || JUNK.has(name.toLowerCase());
}

/**
 * The folder a browser saves beside a page ("Page_files" next to "Page.html"): the page's images and
 * styles, not documents of their own. `siblings`: the names in the same folder.
 */
export function isPageFilesFolder(name: string, siblings: readonly string[]): boolean {
  const page = /^(.*)[_-]files$/i.exec(name);
  return page !== null && siblings.some((s) => s.replace(/\.[^.]+$/, '') === page[1] && importFormatFor(s)?.format === 'html');
}
