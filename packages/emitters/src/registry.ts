/** Every emitter by target name (what `compile --to` offers). */
import { mysqlEmitter, postgresqlEmitter } from "./sql";
import { redisEmitter } from "./redis";
import { aclEmitter } from "./acl";
import { jsonEmitter } from "./json";
import type { Emitter, TargetName } from "./types";

export const TARGETS: readonly TargetName[] = ["mysql", "postgresql", "redis", "mongodb", "emqx-api", "acl", "json"];

const EMITTERS: Partial<Record<TargetName, Emitter>> = {
  mysql: mysqlEmitter,
  postgresql: postgresqlEmitter,
  redis: redisEmitter,
  acl: aclEmitter,
  json: jsonEmitter,
};

/** The emitter for a target. */
export function emitterFor(name: TargetName): Emitter {
  const e = EMITTERS[name];
  if (!e) throw new Error(`target ${name} is not available`);
  return e;
}
