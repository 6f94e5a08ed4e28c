import { GlossError } from '../../errors';
import type { ParsedDocument, ParseInput } from '../types';

/** HTML to the reading model. (Being built: not yet listed in the format catalog, so never reached.) */
export function parseHtml(input: ParseInput): ParsedDocument {
  throw new GlossError('unsupported', `${input.name}: HTML import is not available yet`);
}
