/**
 * Whether to colour output. `--color` / `--no-color` decide when given; otherwise
 * FORCE_COLOR (set and not "0") turns colour on and NO_COLOR (no-color.org) off, and
 * without either only a terminal gets colour.
 */
export function useColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env, flag?: boolean): boolean {
  if (flag !== undefined) return flag;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "false") return true;
  return stream.isTTY === true && !env.NO_COLOR;
}
