/**
 * The who conditions and actions each EMQX version's rule compiler accepts (spec §2, §4.4,
 * §4.5), read off the capability records: the loader refuses what is not here, and editor
 * completion offers what is.
 */
import type { Dialect } from "../model/rule";
import { capabilities, perDialect } from "../model/dialects";

export interface WhoConditionSpec {
  /** The tuple's first atom. */
  tag: string;
  /** Elements of the tuple, the tag included. */
  arity: number;
  /** Another spelling of a condition the version also accepts under its own name. */
  alias?: true;
}

const COMMON: WhoConditionSpec[] = [
  { tag: "ipaddr", arity: 2 },
  { tag: "ipaddrs", arity: 2 },
  { tag: "and", arity: 2 },
  { tag: "or", arity: 2 },
];

function whoConditionsOf(dialect: Dialect): WhoConditionSpec[] {
  const caps = capabilities(dialect);
  const names: WhoConditionSpec[] =
    caps.whoTags.username === "user"
      ? [
          { tag: "user", arity: 2 },
          { tag: "client", arity: 2 },
        ]
      : [
          { tag: "username", arity: 2 },
          { tag: "clientid", arity: 2 },
          { tag: "user", arity: 2, alias: true },
          { tag: "client", arity: 2, alias: true },
        ];
  return [
    ...names,
    ...COMMON,
    ...(caps.clientAttrs ? [{ tag: "client_attr", arity: 3 }] : []),
    // e5.9+: listener zone, listener id and the node's security profile
    ...(caps.zoneListener
      ? [
          { tag: "zone", arity: 2 },
          { tag: "listener", arity: 2 },
        ]
      : []),
    ...(caps.securityProfiles ? [{ tag: "security_profile", arity: 2 }] : []),
  ];
}

/** Who-condition tuples per version (`all` is accepted by every version), from the capability records. */
export const WHO_CONDITIONS: Record<Dialect, readonly WhoConditionSpec[]> = perDialect(whoConditionsOf);

/** Does `dialect` accept a who tuple with this tag and arity? */
export function acceptsWhoCondition(dialect: Dialect, tag: string | null, arity: number): boolean {
  return WHO_CONDITIONS[dialect].some((c) => c.tag === tag && c.arity === arity);
}

/** Action atoms per version; EMQX 5+ also takes `{Action, [Option]}` with these names. */
export const ACTION_NAMES: Record<Dialect, readonly string[]> = perDialect((d) => [
  "publish",
  "subscribe",
  capabilities(d).bothAction,
]);

/** Does `dialect` take `{Action, [{qos, …}, {retain, …}]}`? */
export const acceptsActionOptions = (dialect: Dialect): boolean => capabilities(dialect).actionOptions;
