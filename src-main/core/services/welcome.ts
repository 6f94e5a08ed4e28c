// The welcome guide: a Markdown document from the app's resources, imported like any other. It names
// the import formats from the one list (catalog.ts), so it never falls behind them.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GlossError } from '../errors';
import { IMPORT_FORMATS } from '../formats/catalog';
import type { DocRef } from '../model';
import type { DocumentService } from './documents';

const FORMATS_PLACEHOLDER = '{{import-formats}}';

export const formatsForWelcome = (): string =>
  IMPORT_FORMATS.map((f) => `${f.label.toLowerCase()} (${f.extensions.map((e) => `\`${e}\``).join(', ')})`).join(' and ');

export class WelcomeService {
  constructor(
    private readonly documents: DocumentService,
    private readonly resourcesDir: string,
  ) {}

  async add(): Promise<DocRef> {
    const template = await readFile(join(this.resourcesDir, 'welcome.md'), 'utf8');
    const bytes = new TextEncoder().encode(template.replaceAll(FORMATS_PLACEHOLDER, formatsForWelcome()));
    const report = await this.documents.import([
      { name: 'welcome.md', source: 'Gloss welcome guide', size: bytes.byteLength, bytes: async () => bytes },
    ]);
    const ref = report.imported[0] ?? report.duplicates[0]?.existing;
    if (!ref) throw new GlossError('internal', report.failed[0]?.message ?? 'The welcome guide could not be opened.');
    return { id: ref.id, title: ref.title };
  }
}
