import { GlossError } from '../../errors';
import type { ParsedDocument, ParseInput } from '../types';

/** PDF to the reading model. (Being built: not yet listed in the format catalog, so never reached.) */
export function parsePdf(input: ParseInput): ParsedDocument {
  throw new GlossError('unsupported', `${input.name}: PDF import is not available yet`);
}
