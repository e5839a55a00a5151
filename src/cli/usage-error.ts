// A usage or configuration error: the run stops before scanning, exit 2.
export class UsageError extends Error {
  constructor(
    message: string,
    /** The flag or file line it concerns, for the message. */
    readonly subject?: string,
  ) {
    super(message);
  }
}
