/** Whether to colour output: only on a terminal, and never when NO_COLOR is set (no-color.org). */
export function useColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && !env.NO_COLOR;
}
