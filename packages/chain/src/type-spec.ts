/** `TYPE=VALUE` command-line specs (`--source-rules`, `--source-url`): split and the type checked. */
export function splitTypeSpec<T extends string>(
  text: string,
  types: readonly T[],
  o: { value: string; shown?: (s: string) => string; notAllowed: (type: string) => string },
): { type: T; value: string } {
  const eq = text.indexOf("=");
  const type = text.slice(0, eq);
  if (eq <= 0 || eq === text.length - 1)
    throw new Error(`expected TYPE=${o.value}, got '${(o.shown ?? ((s: string) => s))(text)}'`);
  if (!(types as readonly string[]).includes(type)) throw new Error(o.notAllowed(type));
  return { type: type as T, value: text.slice(eq + 1) };
}
