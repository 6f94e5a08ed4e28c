import type { ErrorCode } from '../ipc/contract';

/** An error the user should read: a code the UI can act on and a message in plain words. */
export class GlossError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'GlossError';
  }
}
