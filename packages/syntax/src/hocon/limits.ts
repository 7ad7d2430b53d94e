/**
 * Bounds on what a HOCON file may make the loader do. A configuration under review is
 * untrusted input: without them 100k nested `{`, a 2,500-segment key path or a chain of
 * substitutions overflow the stack, and `b = [${a},${a},…]`, `c = [${b},${b},…]` (a
 * substitution bomb) grows exponentially. Real EMQX configurations stay far below each.
 */

/** Deepest nesting of objects, arrays, key path segments and substitution hops combined. */
export const MAX_CONFIG_DEPTH = 256;

/** Most values substitution resolution may produce (each resolved value counts once). */
export const MAX_RESOLVED_VALUES = 200_000;

/** Most characters concatenated strings may add up to while resolving. */
export const MAX_RESOLVED_CHARS = 16 << 20;
