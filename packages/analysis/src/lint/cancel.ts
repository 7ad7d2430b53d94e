/**
 * Cooperative cancellation of an analysis: the language server's worker stops linting a
 * version a newer edit made stale, and keeps its incremental state (a restarted worker
 * would have to parse everything again). Checked between lint rules and while reachability
 * works.
 */
export interface CancelToken {
  readonly cancelled: boolean;
}

/** Thrown out of an analysis whose token was cancelled; nothing partial is returned. */
export class AnalysisCancelled extends Error {
  constructor() {
    super("analysis cancelled");
  }
}

export function throwIfCancelled(token: CancelToken | undefined): void {
  if (token?.cancelled) throw new AnalysisCancelled();
}
