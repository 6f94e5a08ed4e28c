import type { ImportReport } from '../../src-main/ipc/contract';

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function baseName(source: string): string {
  const parts = source.split(/[\\/]/);
  return parts[parts.length - 1] || source;
}

const MAX_PROBLEM_LINES = 8;

/** The import report in plain words, one line per fact. */
export function describeImport(report: ImportReport): string[] {
  const lines: string[] = [];
  if (report.imported.length > 0 || (report.duplicates.length === 0 && report.failed.length === 0)) {
    lines.push(`Imported ${plural(report.imported.length, 'document', 'documents')}.`);
  }
  const problems = [
    ...report.duplicates.map((dup) => `${baseName(dup.source)} is already in your library (as “${dup.existing.title}”).`),
    ...report.failed.map((failure) => `${baseName(failure.source)} could not be imported: ${failure.message}`),
  ];
  // A folder of hundreds of problems would bury the message; the first few say what kind they are.
  lines.push(...problems.slice(0, MAX_PROBLEM_LINES));
  if (problems.length > MAX_PROBLEM_LINES) lines.push(`…and ${problems.length - MAX_PROBLEM_LINES} more duplicates or files that could not be imported.`);
  return lines;
}
