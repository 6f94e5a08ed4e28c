import { GlossError } from '../../errors';
import type { ParsedDocument, ParseInput } from '../types';

/** EPUB to the reading model. (Being built: not yet listed in the format catalog, so never reached.) */
export function parseEpub(input: ParseInput): ParsedDocument {
  throw new GlossError('unsupported', `${input.name}: EPUB import is not available yet`);
}
