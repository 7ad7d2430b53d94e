/** Every emitter by target name (what `compile --to` offers). */
import { mysqlEmitter, postgresqlEmitter } from "./sql";
import { redisEmitter } from "./redis";
import { aclEmitter } from "./acl";
import { jsonEmitter } from "./json";
import { mongodbEmitter } from "./mongodb";
import { emqxApiEmitter } from "./emqx-api";
import type { Emitter, TargetName } from "./types";

export const TARGETS: readonly TargetName[] = ["mysql", "postgresql", "redis", "mongodb", "emqx-api", "acl", "json"];

const EMITTERS: Record<TargetName, Emitter> = {
  mysql: mysqlEmitter,
  postgresql: postgresqlEmitter,
  redis: redisEmitter,
  acl: aclEmitter,
  json: jsonEmitter,
  mongodb: mongodbEmitter,
  "emqx-api": emqxApiEmitter,
};

/** The emitter for a target. */
export function emitterFor(name: TargetName): Emitter {
  return EMITTERS[name];
}
