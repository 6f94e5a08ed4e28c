import type { ImportReport } from '../../src-main/core/model';

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function baseName(source: string): string {
  const parts = source.split(/[\\/]/);
  return parts[parts.length - 1] || source;
}

/** The import report in plain words, one line per fact. */
export function describeImport(report: ImportReport): string[] {
  const lines: string[] = [];
  if (report.imported.length > 0 || (report.duplicates.length === 0 && report.failed.length === 0)) {
    lines.push(`Imported ${plural(report.imported.length, 'document', 'documents')}.`);
  }
  for (const dup of report.duplicates) {
    lines.push(`${baseName(dup.source)} is already in your library (as “${dup.existing.title}”).`);
  }
  for (const failure of report.failed) {
    lines.push(`${baseName(failure.source)} could not be imported: ${failure.message}`);
  }
  return lines;
}
