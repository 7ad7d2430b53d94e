/** A malformed request line; the message names the bad field (no line number). */
export class WireError extends Error {}
