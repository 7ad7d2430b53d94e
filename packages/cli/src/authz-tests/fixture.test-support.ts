/** A report from an acl text and a test file text, for the unit tests of the output formats. */
import { buildReport } from "./build-report";
import { parseTestFile } from "./parse-test-file";
import type { TestReport } from "./test-report";

export const ACL = `{allow, {username, "dashboard"}, subscribe, ["$SYS/#"]}.
{allow, all, publish, ["public/#"]}.
{deny, all, subscribe, ["$SYS/#"]}.
{deny, all}.
`;

export const TESTS = `cases:
  - name: dashboard reads $SYS
    client: {username: dashboard}
    subscribe: $SYS/brokers
    expect: allow
    rule: 1
  - name: "anyone publishes <public> & \\"quoted\\""
    client: {username: bob}
    publish: public/x
    expect: deny
`;

/** The report of `tests` against `acl` (EMQX 5). */
export function reportOf(acl = ACL, tests = TESTS, minCoverage: number | null = null): TestReport {
  const built = buildReport("acl.conf", acl, [parseTestFile("tests.yaml", tests)], {
    dialect: "v5",
    securityProfile: "legacy",
    minCoverage,
  });
  if ("refusal" in built) throw new Error(built.refusal);
  return built.report;
}
