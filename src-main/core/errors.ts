// The core's own error codes: every host and the contract take them from here (arrows point down).

export const ERROR_CODES = ['invalid_input', 'not_found', 'unsupported', 'locked', 'read_only', 'too_large', 'io', 'cancelled', 'internal'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

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
