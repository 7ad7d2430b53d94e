import { isOn, type AuditContext, type Finding } from "../context";
import { allVersions, type AuditRule } from "../rule";

export const authzCacheStale: AuditRule = {
  id: "authz-cache-stale",
  severity: allVersions("info"),
  summary: "Authorization decisions are cached per connection for the cache TTL.",
  rationale:
    "A rule change does not affect decisions already cached on a connection until the TTL passes (v4 clears caches on acl reload; 5/6 via DELETE /api/v5/authorization/cache). Revoking access is therefore delayed by up to the TTL.",
  sources: "cluster-security.md §7",
  check(ctx: AuditContext): Finding[] {
    const [enableKey, ttlKey, sizeKey] =
      ctx.caps.configFormat === "cuttlefish"
        ? ["enable_acl_cache", "acl_cache_ttl", "acl_cache_max_size"]
        : ["authorization.cache.enable", "authorization.cache.ttl", "authorization.cache.max_size"];
    const enable = ctx.get(enableKey);
    if (!isOn(enable?.value, true)) return [];
    const ttl = ctx.get(ttlKey);
    const size = ctx.get(sizeKey);
    const ttlText = ttl ? ttl.value : "1m (default)";
    return [
      {
        id: this.id,
        loc: ttl?.loc ?? enable?.loc ?? ctx.anchor(ttlKey),
        message: `authorization cache is on with TTL ${ttlText} and up to ${size?.value ?? 32} entries per connection: rule changes and revocations take effect on connected clients only after ${ttl?.value ?? "1m"}`,
      },
    ];
  },
};
