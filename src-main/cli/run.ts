// The same core from a terminal. `run` takes argv and output streams so tests can drive it in-process.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { GlossError } from '../core/errors';
import { Library } from '../core/library';
import type { DocumentSummary, ImportReport } from '../core/model';
import { defaultDataDir } from '../core/paths';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const USAGE = `Usage: gloss [--data <dir>] <command>

Commands:
  import <files or folders…>     import .txt and .md files (folders recursively)
  list [--json]                  list the documents in the library
  search <query> [--json]        search titles, full text and notes
  export markdown --out <dir>    write one Markdown file per document into <dir>

Options:
  --data <dir>   the data folder (default: the desktop app's, ${defaultDataDir()})
  -h, --help     show this help`;

export async function run(argv: string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        data: { type: 'string' },
        json: { type: 'boolean', default: false },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    io.err(`gloss: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    (command || values.help ? io.out : io.err)(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const dataDir = values.data ?? defaultDataDir();
  const writes = command === 'import' || command === 'export';
  let lib: Library | undefined;
  try {
    lib = await Library.open(dataDir, { holder: 'command line', readOnly: !writes });
    for (const warning of lib.warnings) io.err(`gloss: warning: ${warning}\n`);
    switch (command) {
      case 'import':
        return await importCommand(lib, rest, io);
      case 'list':
        printDocuments(await lib.listDocuments(), values.json, io);
        return 0;
      case 'search': {
        const query = rest.join(' ').trim();
        if (!query) throw new GlossError('invalid_input', 'search needs a query, e.g. gloss search terrorism');
        const hits = await lib.listDocuments({ query });
        printDocuments(hits, values.json, io);
        if (!values.json && hits.length === 0) io.err(`No documents match "${query}".\n`);
        return 0;
      }
      case 'export': {
        if (rest[0] !== 'markdown') throw new GlossError('invalid_input', 'Only Markdown export exists: gloss export markdown --out <dir>');
        if (!values.out) throw new GlossError('invalid_input', 'Say where to export: gloss export markdown --out <dir>');
        const report = await lib.exportMarkdown(resolve(values.out));
        io.out(`Exported ${report.files.length} document${report.files.length === 1 ? '' : 's'} to ${report.dir}\n`);
        return 0;
      }
      default:
        io.err(`gloss: unknown command "${command}"\n\n${USAGE}\n`);
        return 2;
    }
  } catch (error) {
    io.err(`gloss: ${error instanceof GlossError ? error.message : (error as Error).stack}\n`);
    return 1;
  } finally {
    await lib?.close();
  }
}

async function importCommand(lib: Library, paths: string[], io: Io): Promise<number> {
  if (paths.length === 0) throw new GlossError('invalid_input', 'import needs files or folders, e.g. gloss import ~/Articles');
  const report = await lib.importPaths(paths, {
    onProgress: (p) => p.total > 200 && p.done > 0 && io.err(`Imported ${p.done} of ${p.total}…\n`),
  });
  printImportReport(report, io);
  return report.failed.length > 0 ? 1 : 0;
}

export function printImportReport(report: ImportReport, io: Io): void {
  for (const doc of report.imported) io.out(`Imported  ${doc.title}  (${doc.source})\n`);
  for (const dup of report.duplicates) io.out(`Skipped   ${dup.source}: already in the library as "${dup.existing.title}"\n`);
  for (const fail of report.failed) io.err(`Failed    ${fail.message}\n`);
  const n = report.imported.length;
  io.out(`${n} imported, ${report.duplicates.length} already there, ${report.failed.length} failed.\n`);
}

function printDocuments(docs: DocumentSummary[], json: boolean, io: Io): void {
  if (json) {
    const rows = docs.map((d) => ({
      id: d.id,
      title: d.title,
      source: d.source,
      format: d.format,
      importedAt: d.importedAt,
      words: d.words,
      tags: d.tags,
      highlights: d.highlights,
      ...(d.snippet ? { snippet: d.snippet } : {}),
    }));
    io.out(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  if (docs.length === 0) {
    io.out('The library is empty. Import documents with: gloss import <files or folders>\n');
    return;
  }
  for (const d of docs) {
    const tags = d.tags.length ? `  [${d.tags.join(', ')}]` : '';
    io.out(`${d.id}  ${d.importedAt.slice(0, 10)}  ${String(d.words).padStart(6)} words  ${String(d.highlights).padStart(3)} highlights  ${d.title}${tags}\n`);
    if (d.snippet) io.out(`    ${d.snippet}\n`);
  }
}
