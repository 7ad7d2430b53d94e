/**
 * Database URLs in what the tool writes: the user and password of `scheme://user:pass@host`
 * never reach a message or a generated file.
 */

/** The text with the credentials of every URL in it replaced by "…". */
export function maskCredentials(text: string): string {
  return text.replace(/([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^@/\s]*@/g, "$1…@");
}
