/**
 * Copies of strings that do not keep the document text alive. V8 makes a substring of 13
 * or more characters a view into its parent string, and a concatenation a pair of its
 * parts: a term or comment kept from an old version of an edited document held that whole
 * version (0.9 MB per keystroke on a 10k-rule file, in each thread of the language server).
 */
import type { Comment, Term } from "./term";

/** The same characters in a string of their own (a concatenation with one character, cut off again: the copy is flat). */
export function detach(s: string): string {
  return (" " + s).slice(1);
}

/** Detaches every string a term holds (in place). */
export function detachTerm(t: Term): void {
  const stack: Term[] = [t];
  while (stack.length > 0) {
    const x = stack.pop()!;
    switch (x.kind) {
      case "atom":
      case "string":
        x.value = detach(x.value);
        break;
      case "binary":
        x.bytes = detach(x.bytes);
        break;
      case "tuple":
        for (const e of x.elements) stack.push(e);
        break;
      case "list":
        for (const e of x.elements) stack.push(e);
        if (x.tail) stack.push(x.tail);
        break;
      case "map":
        for (const e of x.entries) stack.push(e.key, e.value);
        break;
    }
  }
}

/** Detaches the text of comments (in place). */
export function detachComments(cs: Comment[]): void {
  for (const c of cs) c.text = detach(c.text);
}
