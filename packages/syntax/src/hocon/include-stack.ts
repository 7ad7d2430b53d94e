/**
 * The files being read, outermost first, for HOCON and EMQX 4 includes. A cycle is a file
 * that is already on the stack (compared by identity, e.g. realpath, so `./a.conf`,
 * `../etc/a.conf` and a symlink to it are one file), as emqx/hocon's include check does.
 * Deep chains that are not cycles are fine up to a generous limit that only stops runaway
 * generated chains; it has its own message so it is never mistaken for a cycle.
 */

/** Deepest include chain read (the main file counts as 1). */
export const MAX_INCLUDE_DEPTH = 100;

export interface IncludeProblem {
  kind: "cycle" | "too-deep";
  message: string;
}

export class IncludeStack {
  private readonly paths: string[] = [];
  private readonly ids: string[] = [];

  /** `identify` maps a path to the file's identity (default: the path itself). */
  constructor(private readonly identify: (path: string) => string = (p) => p) {}

  /** Why `path` must not be entered now, or null when it may. */
  problem(path: string): IncludeProblem | null {
    const at = this.ids.indexOf(this.identify(path));
    if (at >= 0) {
      const chain = [...this.paths.slice(at), path].join(" -> ");
      return { kind: "cycle", message: `include cycle: ${chain}` };
    }
    if (this.paths.length >= MAX_INCLUDE_DEPTH) {
      return {
        kind: "too-deep",
        message: `include chain deeper than ${MAX_INCLUDE_DEPTH} files: ${path} was not read`,
      };
    }
    return null;
  }

  push(path: string): void {
    this.paths.push(path);
    this.ids.push(this.identify(path));
  }

  pop(): void {
    this.paths.pop();
    this.ids.pop();
  }
}
