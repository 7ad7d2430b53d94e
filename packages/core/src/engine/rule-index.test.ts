import { describe, expect, it } from "vitest";
import { parseDocument } from "@emqx-acl/syntax";
import { lower } from "../lower/lower";
import { buildIndex, candidates, forcedRegexPrefix } from "./rule-index";
import { prepareRequest } from "./prepare";
import type { Request } from "../model/request";
import { regexFor } from "./regex-bridge";

describe("forcedRegexPrefix", () => {
  it.each([
    ["^user12-[0-9]+$", "user12-"],
    ["^abc", "abc"],
    ["^ab?c", "a"],
    ["^ab*", "a"],
    ["^ab{0,2}", "a"],
    ["^ab+", "ab"],
    ["^a|b", ""],
    ["abc", ""],
    ["^(?i)abc", ""],
    ["^\\x41b", ""],
    ["^", ""],
  ])("%s → %s", (pattern, prefix) => {
    expect(forcedRegexPrefix(pattern)).toBe(prefix);
  });

  it("every subject the regex matches starts with the prefix (so the index may skip the others)", () => {
    const subjects = ["", "a", "ab", "abc", "abbb", "ac", "user12-1", "user1-2", "xuser12-3", "B", "AbC"];
    for (const p of ["^user12-[0-9]+$", "^abc", "^ab?c", "^ab*", "^ab+", "^a.c"]) {
      const re = regexFor(p);
      if (re.kind !== "ok") throw new Error(`cannot compile ${p}`);
      const prefix = forcedRegexPrefix(p);
      for (const s of subjects) if (re.test(s)) expect(s.startsWith(prefix), `${p} matches ${s}`).toBe(true);
    }
  });
});

describe("buildIndex", () => {
  const index = (text: string) => {
    const lowered = lower(parseDocument(text), "v5");
    return buildIndex(lowered.ruleSet.rules);
  };

  it("files each rule under its most selective key: network rules sharing a first level go by network", () => {
    const idx = index(
      [
        '{allow, {ipaddr, "10.1.2.0/24"}, publish, ["lan/${clientid}/#"]}.',
        '{allow, {ipaddr, "10.7.2.0/24"}, publish, ["lan/${clientid}/#"]}.',
        '{allow, {ipaddr, "10.9.0.0/16"}, publish, ["lan/${clientid}/#"]}.',
      ].join("\n"),
    );
    expect([...idx.byNetwork.entries()]).toEqual([
      ["4/16:2561", [0]],
      ["4/16:2567", [1]],
      ["4/16:2569", [2]],
    ]);
    expect(idx.byFirstLevel[0].size).toBe(0);
  });

  it("keeps a lone network rule under its topic's first level when that list is as short", () => {
    const idx = index(
      '{allow, {username, "u"}, publish, ["a/#"]}.\n{allow, {ipaddr, "10.1.2.0/24"}, subscribe, ["lan/x"]}.\n{allow, all, publish, ["b"]}.',
    );
    expect(idx.byUsername.get("u")).toEqual([0]);
    expect(idx.byFirstLevel[1].get("lan")).toEqual([1]);
    expect(idx.byFirstLevel[0].get("b")).toEqual([2]);
    expect(idx.generalPublish).toEqual([]);
  });
});

describe("candidates", () => {
  const idx = buildIndex(
    lower(
      parseDocument(
        '{allow, {username, {re, "^user12-[0-9]+$"}}, all, ["a/#"]}.\n{allow, {username, {re, "^ab"}}, all, ["a/#"]}.\n{allow, {ipaddr, "10.1.2.0/24"}, all, ["+/#"]}.\n',
      ),
      "v5",
    ).ruleSet.rules,
  );
  const lists = (username: string | null, peerhost: string | null) => {
    const req: Request = {
      username,
      clientid: "c",
      peerhost,
      zone: "default",
      listener: "tcp:default",
      cert_common_name: null,
      client_attrs: {},
      action: "publish",
      qos: 0,
      retain: false,
      topic: "a/b",
    };
    const out: number[][] = [];
    return out
      .slice(0, candidates(idx, prepareRequest(req, "v5"), out))
      .flat()
      .sort();
  };

  it("looks a username up under each forced regex prefix it starts with, and no other", () => {
    expect(lists("user12-7", null)).toEqual([0]);
    expect(lists("abx", null)).toEqual([1]);
    expect(lists("user12", null)).toEqual([]);
    expect(lists("user12x", null)).toEqual([]);
    expect(lists("user13-", null)).toEqual([]);
    expect(lists(null, null)).toEqual([]);
  });

  it("looks an IPv4 peer up by its /16 network", () => {
    expect(lists("x", "10.1.200.3")).toEqual([2]);
    expect(lists("x", "10.2.2.3")).toEqual([]);
  });
});
