/**
 * An error whose message is written for the people in the Discord channel.
 * Only these reach users verbatim; anything else is logged and answered with a
 * short generic line (see `describeForUser`).
 */
export class UserFacingError extends Error {
  override readonly name = "UserFacingError";
  constructor(
    message: string,
    /** Whether the person can usefully try the same thing again. */
    readonly retryable = false,
  ) {
    super(message);
  }
}

export const GENERIC_FAILURE = "Something went wrong on our side. It has been logged; please try again.";

/** The text a user may see for any thrown value. */
export function describeForUser(error: unknown): string {
  return error instanceof UserFacingError ? error.message : GENERIC_FAILURE;
}
