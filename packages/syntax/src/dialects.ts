/**
 * The EMQX versions this tool models, by dialect name, oldest first. The list lives here,
 * at the bottom of the layers, so the diagnostic catalogue can name versions; what each
 * version accepts and how it decides is core's capability record (`core/src/model/dialects.ts`).
 */
export const DIALECTS = ["v4", "v5", "v6"] as const;

/** `v4` = EMQX 4.4.19, `v5` = EMQX 5.8.9, `v6` = EMQX 6 HEAD (security profile legacy by default). */
export type Dialect = (typeof DIALECTS)[number];

/** `first` and every later version (a newer EMQX keeps what an older one reads, until a record says otherwise). */
export function dialectsFrom(first: Dialect): Dialect[] {
  return DIALECTS.slice(DIALECTS.indexOf(first));
}

/** Every version before `next`. */
export function dialectsBefore(next: Dialect): Dialect[] {
  return DIALECTS.slice(0, DIALECTS.indexOf(next));
}
