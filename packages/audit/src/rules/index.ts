/** Every audit rule, in the order findings are listed for the same position. */
import type { AuditRule, ClusterRule } from "../rule";
import { aclFileMissing } from "./acl-file-missing";
import { aclFinalAllowAll } from "./acl-final-allow-all";
import { authnAnonymousAllowed } from "./authn-anonymous-allowed";
import { authzCacheStale } from "./authz-cache-stale";
import { authzDenyActionIgnore } from "./authz-deny-action-ignore";
import { authzNoMatchAllow } from "./authz-no-match-allow";
import { authzZoneAclOff } from "./authz-zone-acl-off";
import { clusterSettingMismatch } from "./cluster-setting-mismatch";
import { cookieDefault } from "./cookie-default";
import { cookieWeak } from "./cookie-weak";
import { dashboardDefaultCredentials } from "./dashboard-default-credentials";
import { distPlaintext } from "./dist-plaintext";
import { distTlsFileMissing } from "./dist-tls-file-missing";
import { distTlsSampleConfig } from "./dist-tls-sample-config";
import { nodeNameDuplicate } from "./node-name-duplicate";
import { rpcInsecureFallback } from "./rpc-insecure-fallback";
import { rpcPlaintext } from "./rpc-plaintext";
import { rpcSslPortMismatch } from "./rpc-ssl-port-mismatch";
import { rpcTlsFileMissing } from "./rpc-tls-file-missing";
import { rpcUnknownKey } from "./rpc-unknown-key";
import { tlsCertExpired } from "./tls-cert-expired";
import { tlsCertExpiring } from "./tls-cert-expiring";
import { tlsCertNotSignedByCa } from "./tls-cert-not-signed-by-ca";
import { tlsKeyMismatch } from "./tls-key-mismatch";
import { tlsKeyPermissions } from "./tls-key-permissions";

export const auditRules: AuditRule[] = [
  cookieDefault,
  cookieWeak,
  distPlaintext,
  distTlsSampleConfig,
  distTlsFileMissing,
  rpcPlaintext,
  rpcUnknownKey,
  rpcInsecureFallback,
  rpcTlsFileMissing,
  rpcSslPortMismatch,
  tlsKeyPermissions,
  tlsKeyMismatch,
  tlsCertNotSignedByCa,
  tlsCertExpired,
  tlsCertExpiring,
  authnAnonymousAllowed,
  authzNoMatchAllow,
  authzZoneAclOff,
  authzDenyActionIgnore,
  authzCacheStale,
  dashboardDefaultCredentials,
  aclFileMissing,
  aclFinalAllowAll,
  clusterSettingMismatch,
  nodeNameDuplicate,
];

/** Rules over several nodes' files audited together. */
export const clusterRules: ClusterRule[] = [clusterSettingMismatch, nodeNameDuplicate];

/** Rule metadata by id. */
export const auditRuleCatalog = new Map(auditRules.map((r) => [r.id, r]));
