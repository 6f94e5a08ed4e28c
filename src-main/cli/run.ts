// The same handler table from a terminal: every command is a `dispatch` on a contract channel, as in
// the desktop app and browser mode. `run` takes argv and output streams so tests can drive it in-process.
import { basename, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { GlossError } from '../core/errors';
import { EXPORT_FORMATS } from '../core/export/catalog';
import { describeSkipped, extensionOf, formatSize, formatTimeLeft, IMPORT_FORMATS_TEXT } from '../core/formats/catalog';
import type { Library } from '../core/library';
import type { DocumentContent, DocumentSummary, ImportReport, JobProgress, JobResult, MarkHit } from '../core/model';
import { defaultDataDir } from '../core/paths';
import { MAX_NOTE_LENGTH, MAX_QUERY_LENGTH, type Channel, type Input, type Output } from '../ipc/contract';
import { jsonText, printable } from './printable';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** everything on standard input (`gloss note <id> -`); absent where there is none */
  readInput?: () => Promise<string>;
  /** asks a yes/no question and waits for the answer; absent when no one is there to answer (not a terminal) */
  confirm?: (question: string) => Promise<boolean>;
  /** whether standard output is a terminal: `show` then escapes the control characters of a document's text too */
  terminal?: boolean;
}

const exportFormats = EXPORT_FORMATS.map((f) => f.id).join('|');

export const USAGE = `Usage: gloss [--data <dir>] <command>

Commands:
  import <files or folders…>     import files (folders recursively): ${IMPORT_FORMATS_TEXT}
  list [--json]                  list the documents in the library
  show <id> [--json]             a document's metadata and its text as Gloss reads it
  search <query> [--json]        search documents, highlights and notes ("a phrase", -word, #tag)
  note <id> [<text> | -]         print a document's note, or set it (- reads it from stdin, "" clears it)
  delete <id>                    move a document to the Trash
  trash [--json]                 list the documents in the Trash
  restore <id>                   bring a document back from the Trash, as it was
  empty-trash [<id>…] [--yes]    erase documents in the Trash for good (all of them without ids)
  export <${exportFormats}> --out <dir>    ${EXPORT_FORMATS.map((f) => `${f.id}: ${f.description}`).join('; ')}

An <id> can be the start of one, when only one document's id starts that way.

Options:
  --data <dir>   the data folder (default: the desktop app's, ${defaultDataDir()})
  -y, --yes      empty-trash: erase without asking
  -h, --help     show this help

Exit codes: 0 done, 1 a command or a file failed, 2 bad usage.`;

/** Bad usage: the command line itself is wrong (exit code 2, with the usage). */
class UsageError extends Error {}

type Call = <C extends Channel>(channel: C, input: Input<C>) => Promise<Output<C>>;

const OPTIONS = {
  data: { type: 'string' },
  json: { type: 'boolean', default: false },
  out: { type: 'string' },
  yes: { type: 'boolean', short: 'y', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/**
 * Puts the options first and the arguments after a `--`, so that an argument starting with "-" is
 * taken as one: a document id such as "-F4ii…" (older ids could start so) or an excluded
 * word (`gloss search -draft`). A word made of "--" stays an option, so a mistyped one is reported.
 */
export function optionsFirst(argv: readonly string[]): string[] {
  const options: string[] = [];
  const positionals: string[] = [];
  const shorts = new Set<string>(Object.values(OPTIONS).flatMap((o) => ('short' in o ? [o.short] : [])));
  const isShort = (arg: string) => arg.length > 1 && arg.startsWith('-') && [...arg.slice(1)].every((c) => shorts.has(c));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      options.push(arg);
      const option = OPTIONS[arg.slice(2) as keyof typeof OPTIONS] as { type: string } | undefined;
      if (option?.type === 'string' && i + 1 < argv.length) options.push(argv[++i]);
    } else if (isShort(arg)) options.push(arg);
    else positionals.push(arg);
  }
  return [...options, '--', ...positionals];
}

export async function run(argv: string[], given: Io): Promise<number> {
  // Everything written for a person to read passes here, so no control character from a title, a file
  // name or a note reaches the terminal; JSON and `show`'s text in a pipe are written as they are (`verbatim`).
  const io: Io = {
    ...given,
    out: (text) => given.out(printable(text)),
    err: (text) => given.err(printable(text)),
    ...(given.confirm ? { confirm: (question: string) => given.confirm!(printable(question)) } : {}),
  };
  const verbatim = given.out;
  let parsed;
  try {
    parsed = parseArgs({ args: optionsFirst(argv), allowPositionals: true, options: OPTIONS });
  } catch (error) {
    io.err(`gloss: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help) {
    io.out(`${USAGE}\n`);
    return 0;
  }
  let lib: Library | undefined;
  try {
    const work = commands[command ?? ''];
    if (!work) throw new UsageError(command ? `unknown command "${command}"` : 'which command?');
    work.check(rest, values);
    // Loaded only now, so --help and usage errors answer without loading the core.
    const [{ Library }, { createHandlers, dispatch }] = await Promise.all([import('../core/library'), import('../handlers')]);
    const writes = typeof work.writes === 'function' ? work.writes(rest) : work.writes;
    // A command that only reads reads each document's highlights when it needs them.
    lib = await Library.open(values.data ?? defaultDataDir(), { holder: 'command line', readOnly: !writes, lazyAnnotations: !writes });
    for (const warning of lib.warnings) io.err(`gloss: warning: ${warning}\n`);
    const handlers = createHandlers(lib, { kind: 'cli' });
    const call: Call = async (channel, input) => {
      const result = await dispatch(handlers, channel, input);
      if (!result.ok) throw new GlossError(result.code, result.message);
      return result.value as Output<typeof channel>;
    };
    return await work.run({ lib, call, io, verbatim, args: rest, json: values.json, out: values.out, yes: values.yes });
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`gloss: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    io.err(`gloss: ${error instanceof GlossError ? error.message : (error as Error).stack}\n`);
    return 1;
  } finally {
    await lib?.close();
  }
}

interface CommandContext {
  lib: Library;
  call: Call;
  io: Io;
  /** standard output as it is, for JSON (escaped by jsonText) and a document's text in a pipe */
  verbatim: (text: string) => void;
  args: string[];
  json: boolean;
  out?: string;
  yes: boolean;
}

interface Command {
  /** whether it changes the library (it then takes the writer's lock); some commands only write with some arguments */
  writes: boolean | ((args: string[]) => boolean);
  /** throws UsageError before anything is opened */
  check(args: string[], options: { out?: string }): void;
  run(ctx: CommandContext): Promise<number>;
}

const commands: Record<string, Command> = {
  import: {
    writes: true,
    check(args) {
      if (args.length === 0) throw new UsageError('import needs files or folders, e.g. gloss import ~/Articles');
    },
    async run({ lib, call, io, args }) {
      const started = performance.now();
      // The parser threads start while the folders are listed, not after.
      lib.warmUp().catch(() => undefined);
      const result = await runJob(lib, io, (await call('job:importPaths', { paths: args.map((p) => resolve(p)) })).jobId);
      printImportReport(result.importReport!, io, performance.now() - started, args);
      await indexForSearch(lib, io);
      return result.outcome === 'done' && result.importReport!.failed.length === 0 ? 0 : 1;
    },
  },
  list: {
    writes: false,
    check(args) {
      if (args.length > 0) throw new UsageError(`list takes no arguments (got "${args.join(' ')}")`);
    },
    async run({ call, io, verbatim, json }) {
      const docs = await call('library:list', {});
      printDocuments(docs, json, io, verbatim);
      if (!json && docs.length === 0) io.out('The library is empty. Import documents with: gloss import <files or folders>\n');
      return 0;
    },
  },
  show: {
    writes: false,
    check(args) {
      if (args.length !== 1) throw new UsageError('show needs one document id (gloss list shows them), e.g. gloss show 3fK9xQ2mPa');
    },
    async run({ lib, call, io, verbatim, args, json }) {
      const doc = await call('document:get', { id: await resolveId(call, args[0]!) });
      printShown(doc, await noticesOf(lib, doc), json, io, verbatim);
      return 0;
    },
  },
  search: {
    writes: false,
    check(args) {
      const query = args.join(' ').trim();
      if (!query) throw new UsageError('search needs a query, e.g. gloss search terrorism');
      if (query.length > MAX_QUERY_LENGTH)
        throw new UsageError(`A search is at most ${MAX_QUERY_LENGTH} characters long; this one has ${query.length}.`);
    },
    async run({ call, io, verbatim, args, json }) {
      const query = args.join(' ').trim();
      const found = await call('search:query', { query });
      if (json) {
        const documents = found.documents.map((d) => ({ ...jsonRow(d, { importedAt: d.importedAt }), ...(d.snippet ? { snippet: d.snippet } : {}) }));
        verbatim(`${jsonText({ ...found, documents })}\n`);
        return 0;
      }
      printDocuments(found.documents, false, io, verbatim);
      printMarks(found.marks, io);
      if (found.documents.length === 0 && found.marks.length === 0) {
        const empty = (await call('library:list', {})).length === 0;
        const suggestion = found.suggestion ? ` Did you mean: gloss search ${JSON.stringify(found.suggestion)}` : '';
        io.err(empty ? 'The library is empty: there is nothing to search yet.\n' : `Nothing matches "${query}".${suggestion}\n`);
      }
      return 0;
    },
  },
  note: {
    writes: (args) => args.length > 1,
    check(args) {
      if (args.length === 0)
        throw new UsageError('note needs a document id, e.g. gloss note 3fK9xQ2mPa (to print it) or gloss note 3fK9xQ2mPa "text"');
    },
    async run({ call, io, args }) {
      const id = await resolveId(call, args[0]!);
      if (args.length === 1) {
        const { note } = await call('document:getNote', { id });
        if (note) io.out(note.endsWith('\n') ? note : `${note}\n`);
        else io.err(`"${await titleOf(call, id)}" has no note. Write one with: gloss note ${id} "text"\n`);
        return 0;
      }
      let note = args.slice(1).join(' ');
      if (args.length === 2 && note === '-') {
        if (!io.readInput) throw new GlossError('unsupported', 'There is no standard input to read the note from.');
        note = await io.readInput();
      }
      if (note.length > MAX_NOTE_LENGTH)
        throw new GlossError(
          'invalid_input',
          `A note is at most ${MAX_NOTE_LENGTH.toLocaleString('en')} characters long; this one has ${note.length.toLocaleString('en')}. Nothing was changed.`,
        );
      const doc = await call('document:setNote', { id, note });
      io.out(doc.hasNote ? `Saved the note of "${doc.title}".\n` : `Cleared the note of "${doc.title}".\n`);
      return 0;
    },
  },
  delete: {
    writes: true,
    check(args) {
      if (args.length !== 1) throw new UsageError('delete needs one document id (gloss list shows them), e.g. gloss delete 3fK9xQ2mPa');
    },
    async run({ call, io, args }) {
      const id = await resolveId(call, args[0]!);
      const title = await titleOf(call, id);
      await call('document:delete', { id });
      io.out(`Moved "${title}" to the Trash (gloss restore ${id} brings it back).\n`);
      return 0;
    },
  },
  trash: {
    writes: false,
    check(args) {
      if (args.length > 0) throw new UsageError(`trash takes no arguments (got "${args.join(' ')}"); to erase, use gloss empty-trash`);
    },
    async run({ call, io, verbatim, json }) {
      const docs = await call('trash:list', {});
      if (json) {
        const rows = docs.map((d) => jsonRow(d, { trashedAt: d.trashedAt }));
        verbatim(`${jsonText(rows)}\n`);
        return 0;
      }
      for (const d of docs) {
        const tags = d.tags.length ? `  [${d.tags.join(', ')}]` : '';
        io.out(`${d.id}  deleted ${d.trashedAt!.slice(0, 10)}  ${String(d.highlights).padStart(3)} highlights  ${d.title}${tags}\n`);
      }
      if (docs.length === 0) io.out('The Trash is empty.\n');
      return 0;
    },
  },
  restore: {
    writes: true,
    check(args) {
      if (args.length !== 1)
        throw new UsageError('restore needs the id of a document in the Trash (gloss trash shows them), e.g. gloss restore 3fK9xQ2mPa');
    },
    async run({ call, io, args }) {
      const doc = await call('trash:restore', { id: await resolveId(call, args[0]!, 'trash') });
      io.out(`Restored "${doc.title}".\n`);
      return 0;
    },
  },
  'empty-trash': {
    writes: true,
    check() {},
    async run({ call, io, args, yes }) {
      const trashed = await call('trash:list', {});
      const ids = args.length > 0 ? [...new Set(await Promise.all(args.map((a) => resolveId(call, a, 'trash'))))] : trashed.map((d) => d.id);
      if (ids.length === 0) {
        io.out('The Trash is empty.\n');
        return 0;
      }
      const what = ids.length === 1 ? `"${trashed.find((d) => d.id === ids[0])!.title}"` : `${ids.length} documents`;
      if (!yes) {
        if (!io.confirm) {
          io.err(`gloss: empty-trash would erase ${what} for good, with their highlights and notes. Run it again with --yes to do so.\n`);
          return 1;
        }
        if (!(await io.confirm(`Erase ${what} for good, with their highlights and notes? This cannot be undone. [y/N] `))) {
          io.err('Nothing was erased.\n');
          return 1;
        }
      }
      const { erased } = await call('trash:empty', args.length > 0 ? { ids } : {});
      io.out(`Erased ${erased === 1 ? what : `${erased} documents`} for good.\n`);
      return 0;
    },
  },
  export: {
    writes: true,
    check(args, { out }) {
      const format = EXPORT_FORMATS.find((f) => f.id === args[0]);
      if (!format) throw new UsageError(`export needs a format (${exportFormats}), e.g. gloss export markdown --out <dir>`);
      if (!out) throw new UsageError(`Say where to export: gloss export ${format.id} --out <dir>`);
    },
    async run({ lib, call, io, args, out }) {
      const format = EXPORT_FORMATS.find((f) => f.id === args[0])!.id;
      const result = await runJob(lib, io, (await call('job:export', { format, outDir: resolve(out!) })).jobId);
      (result.outcome === 'done' ? io.out : io.err)(`${result.message}\n`);
      return result.outcome === 'done' ? 0 : 1;
    },
  },
};

/** Wait for a job, showing its progress on stderr about once a second; Ctrl+C cancels it cleanly. */
async function runJob(lib: Library, io: Io, jobId: string): Promise<JobResult> {
  let shown = 0;
  const stop = lib.jobs.on((event) => {
    if (event.name !== 'job:progress' || event.payload.jobId !== jobId) return;
    const p = event.payload;
    if (Date.now() - shown < 1000 || p.filesTotal < 50 || p.filesDone === p.filesTotal) return;
    shown = Date.now();
    io.err(`${describeProgress(p)}\n`);
  });
  const cancel = () => lib.jobs.cancel(jobId);
  process.once('SIGINT', cancel);
  try {
    return await lib.jobs.wait(jobId)!;
  } finally {
    process.removeListener('SIGINT', cancel);
    stop();
  }
}

/** The search index catches up with what was imported before the command ends, so the next search answers at once. */
async function indexForSearch(lib: Library, io: Io): Promise<void> {
  let shown = Date.now();
  const stop = lib.search.onProgress((p) => {
    if (Date.now() - shown < 1000) return;
    shown = Date.now();
    io.err(`Indexing for search… ${grouped(p.done)} of ${grouped(p.total)} documents\n`);
  });
  try {
    await lib.search.settle();
  } finally {
    stop();
  }
}

/** 1200 → "1,200" (without loading a locale's data, which costs a CLI more than the rest of the line). */
const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** "Importing… 300 of 1,200 files, 1 MB of 5 MB, about 4 s left: notes.txt" */
function describeProgress(p: JobProgress): string {
  let text = `${p.kind === 'import' ? 'Importing' : 'Exporting'}… ${grouped(p.filesDone)} of ${grouped(p.filesTotal)} files`;
  if (p.bytesTotal > 0) text += `, ${formatSize(p.bytesDone)} of ${formatSize(p.bytesTotal)}`;
  if (p.secondsLeft !== undefined) text += `, ${formatTimeLeft(p.secondsLeft)}`;
  if (p.current) text += `: ${p.current}`;
  return text;
}

/**
 * What an import did, file by file, then in one line. `given`: the files and folders as typed; a file that
 * failed inside one of the folders is named by its path in that folder ("sub/index.html"), not by its name alone.
 */
export function printImportReport(report: ImportReport, io: Io, elapsedMs?: number, given: readonly string[] = []): void {
  for (const doc of report.imported) {
    io.out(`Imported  ${doc.title}  (${doc.source})\n`);
    for (const notice of doc.notices ?? []) io.out(`          note: ${notice}\n`);
  }
  for (const dup of report.duplicates) io.out(`Skipped   ${dup.source}: already in the library as "${dup.existing.title}"\n`);
  const folders = given.map((p) => resolve(p));
  for (const fail of report.failed) io.err(`Failed    ${withPathInFolder(fail, folders)}\n`);
  for (const path of report.skipped ?? []) io.out(`Left      ${path}: not a supported file type (${extensionOf(path) || 'no extension'})\n`);
  const n = report.imported.length;
  const skipped = describeSkipped(report.skipped ?? []);
  const took = elapsedMs === undefined ? '' : ` in ${(elapsedMs / 1000).toFixed(2)} s`;
  io.out(`${n} imported, ${report.duplicates.length} already there, ${report.failed.length} failed${skipped ? `, ${skipped}` : ''}${took}.\n`);
}

/**
 * A failure's message with the file's name at its start ("index.html is empty") made its path inside the
 * folder it was found in ("sub/index.html is empty"), so two files of one name can be told apart.
 */
function withPathInFolder(fail: { source: string; message: string }, folders: readonly string[]): string {
  const folder = folders.find((f) => fail.source.startsWith(f.endsWith(sep) ? f : f + sep));
  const name = basename(fail.source);
  if (!folder || !fail.message.startsWith(name)) return fail.message;
  return relative(folder, fail.source) + fail.message.slice(name.length);
}

/**
 * An id as typed, or the start of one when only one document's id starts that way: among the
 * documents in the library, or with `where: 'trash'` among those in the Trash.
 */
async function resolveId(call: Call, typed: string, where: 'library' | 'trash' = 'library'): Promise<string> {
  const docs = await call(where === 'trash' ? 'trash:list' : 'library:list', {});
  if (docs.some((d) => d.id === typed)) return typed;
  const matches = typed ? docs.filter((d) => d.id.startsWith(typed)) : [];
  if (matches.length === 1) return matches[0]!.id;
  const place = where === 'trash' ? 'in the Trash has' : 'has';
  throw new GlossError(
    'not_found',
    matches.length > 1
      ? `${matches.length} documents ${where === 'trash' ? 'in the Trash ' : ''}have ids starting "${typed}"; type more of it.`
      : `No document ${place} the id "${typed}" (gloss ${where === 'trash' ? 'trash' : 'list'} shows them).`,
  );
}

async function titleOf(call: Call, id: string): Promise<string> {
  return (await call('library:list', {})).find((d) => d.id === id)?.title ?? id;
}

/** The metadata worth printing, in a stable order (absent fields left out). */
function shownMeta(doc: DocumentContent): Record<string, unknown> {
  const d = doc.document;
  const fields: Record<string, unknown> = {
    id: d.id,
    title: d.title,
    author: d.author,
    format: d.format,
    encoding: d.encoding,
    language: d.language,
    published: d.published,
    siteName: d.siteName,
    words: d.words,
    bytes: d.bytes,
    source: d.source,
    importedAt: d.importedAt,
    tags: d.tags,
    highlights: d.highlights,
  };
  for (const key of Object.keys(fields)) if (fields[key] === undefined) delete fields[key];
  return fields;
}

/** Formats whose bytes Gloss decodes as text: their stored encoding says how. */
const DECODED_FORMATS = new Set<string>(['text', 'markdown', 'html']);

/**
 * What the reader should know about a document: the store's notice (its text was rebuilt), and what
 * decoding its original says ("1 character in notes.txt could not be read as UTF-8 and show as �"). The
 * import does not keep the decoder's notices, so the stored original is decoded again, with the encoding
 * it was read with (a few milliseconds, for one document).
 */
async function noticesOf(lib: Library, doc: DocumentContent): Promise<string[]> {
  const notices = doc.notice ? [doc.notice] : [];
  const { id, format, encoding, source } = doc.document;
  if (!encoding || !DECODED_FORMATS.has(format)) return notices;
  try {
    const [{ decodeBytes }, bytes] = await Promise.all([import('../core/formats/decode'), lib.documents.original(id)]);
    notices.push(...decodeBytes(basename(source), bytes, { encoding }).notices);
  } catch {
    // an original that cannot be read again says nothing more than the text already shows
  }
  return notices;
}

function printShown(doc: DocumentContent, notices: string[], json: boolean, io: Io, verbatim: (text: string) => void): void {
  const meta = shownMeta(doc);
  if (json) {
    const pages = doc.pages?.map((p) => ({ label: p.label, start: p.start }));
    verbatim(`${jsonText({ ...meta, ...(notices.length ? { notices } : {}), ...(pages ? { pages } : {}), text: doc.text })}\n`);
    return;
  }
  for (const [key, value] of Object.entries(meta)) {
    const shown = Array.isArray(value) ? value.join(', ') : String(value);
    if (shown) io.out(`${`${key}:`.padEnd(12)}${shown}\n`);
  }
  for (const notice of notices) io.out(`${'notice:'.padEnd(12)}${notice}\n`);
  // Text meant for other tools is written as stored; only a terminal has its control characters escaped.
  (io.terminal ? io.out : verbatim)(`\n${doc.text}\n`);
}

/** A document as --json lists it, with the date that matters where it is listed (imported, or deleted). */
function jsonRow(d: DocumentSummary, dated: { importedAt: string } | { trashedAt: string | undefined }) {
  return { id: d.id, title: d.title, source: d.source, format: d.format, ...dated, words: d.words, tags: d.tags, highlights: d.highlights };
}

/** Highlights and notes a search found: the document, then the quote and the note, as written. */
function printMarks(marks: MarkHit[], io: Io): void {
  if (marks.length === 0) return;
  io.out(`\nHighlights and notes:\n`);
  for (const m of marks) {
    const what = m.highlightId ? `${m.color} highlight ${m.highlightId}` : 'document note';
    io.out(`${m.documentId}  ${m.documentTitle}  (${what})\n`);
    if (m.quote) io.out(`    “${m.quote.text}”\n`);
    if (m.note) io.out(`    Note: ${m.note.text.replace(/\s+/g, ' ')}\n`);
  }
}

function printDocuments(docs: DocumentSummary[], json: boolean, io: Io, verbatim: (text: string) => void): void {
  if (json) {
    const rows = docs.map((d) => ({ ...jsonRow(d, { importedAt: d.importedAt }), ...(d.snippet ? { snippet: d.snippet } : {}) }));
    verbatim(`${jsonText(rows)}\n`);
    return;
  }
  for (const d of docs) {
    const tags = d.tags.length ? `  [${d.tags.join(', ')}]` : '';
    io.out(
      `${d.id}  ${d.importedAt.slice(0, 10)}  ${String(d.words).padStart(6)} words  ${String(d.highlights).padStart(3)} highlights  ${d.title}${tags}\n`,
    );
    if (d.snippet) io.out(`    ${d.snippet.text}\n`);
  }
}
