// The exporter registry: each export format (catalog.ts) with the code that writes it.
import type { ExportReport } from '../model';
import type { ExportFormatId } from './catalog';
import { exportMarkdownFiles, type DocumentToExport, type ExportOptions } from './write';

export type { DocumentToExport, ExportOptions } from './write';

export const EXPORTERS: Record<ExportFormatId, (outDir: string, docs: DocumentToExport[], opts: ExportOptions) => Promise<ExportReport>> = {
  markdown: exportMarkdownFiles,
};
