// The export formats, as plain data for the contract, the menu and the CLI. The code behind each is in
// the exporter registry (index.ts).
export const EXPORT_FORMATS = [{ id: 'markdown', label: 'Markdown', description: 'one Markdown file per document, Obsidian-friendly' }] as const;
export type ExportFormatId = (typeof EXPORT_FORMATS)[number]['id'];
export const EXPORT_FORMAT_IDS = EXPORT_FORMATS.map((f) => f.id) as [ExportFormatId, ...ExportFormatId[]];
