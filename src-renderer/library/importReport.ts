import type { ImportReport } from '../../src-main/ipc/contract';

/** The file name at the end of a path (or the name itself, in browser mode). */
export function baseName(source: string): string {
  const parts = source.split(/[\\/]/);
  return parts[parts.length - 1] || source;
}

const MAX_PROBLEM_LINES = 8;

/**
 * What went wrong in an import, one line each: what was noted of how an imported file was read (bytes
 * shown as �, chapters skipped), duplicates and failures. How many were imported is the job's own message.
 */
export function describeImport(report: ImportReport): string[] {
  const problems = [
    ...report.imported.flatMap((doc) => (doc.notices ?? []).map((notice) => `${baseName(doc.source)}: ${notice}`)),
    ...report.duplicates.map((dup) => `${baseName(dup.source)} is already in your library (as “${dup.existing.title}”).`),
    ...report.failed.map((failure) => `${baseName(failure.source)} could not be imported: ${failure.message}`),
  ];
  // A folder of hundreds of problems would bury the message; the first few say what kind they are.
  const lines = problems.slice(0, MAX_PROBLEM_LINES);
  if (problems.length > MAX_PROBLEM_LINES)
    lines.push(`…and ${problems.length - MAX_PROBLEM_LINES} more notes, duplicates or files that could not be imported.`);
  return lines;
}
