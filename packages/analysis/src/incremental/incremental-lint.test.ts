import { describe, expect, it } from "vitest";
import { IncrementalLowerer, type Dialect } from "@emqx-acl/core";
import { IncrementalParser, type Diagnostic } from "@emqx-acl/syntax";
import { analyzeDocument } from "../analyze-document";
import { sortDiagnostics } from "../load-rule-set";
import { analyzeReachability } from "../reachability/reachability";
import { IncrementalLinter } from "./incremental-lint";
import { randomEdit, randomFile, seeded, type Shape } from "./random-acl-text";

/** The editor's pipeline: parser, lowerer and linter kept from version to version. */
class Pipeline {
  private parser = new IncrementalParser();
  private lowerer = new IncrementalLowerer();
  readonly linter = new IncrementalLinter();
  /** settle: finish the proofs after each version, as the language server's worker does when idle. */
  constructor(
    private readonly dialect: Dialect,
    private readonly settle = false,
  ) {}

  /** The diagnostics of a version, or null when EMQX refuses it (lint does not run). */
  update(text: string) {
    const { result: parse, splice } = this.parser.parse(text);
    const lowered = this.lowerer.lower(parse, this.dialect, splice);
    if (lowered.ruleSet.loadError) return null;
    const lint = this.linter.lint(parse, lowered.dialect, lowered.ruleSet.rules);
    if (this.settle) this.linter.settle();
    return {
      diagnostics: sortDiagnostics([...parse.diagnostics, ...lowered.diagnostics, ...lint.diagnostics]),
      reachability: lint.reachability,
      rules: lowered.ruleSet.rules,
    };
  }
}

const show = (d: Diagnostic) =>
  `${d.id}@${d.range.start.line + 1}:${d.range.start.character}-${d.range.end.line + 1}:${d.range.end.character} t${d.term} ${d.message}`;

/** The covering rules named by a rule-unreachable message (a cover is one valid choice among several). */
const COVER = / by (rule \d+ \(line \d+\)( and )?)+$/;

function compare(got: NonNullable<ReturnType<Pipeline["update"]>>, text: string, dialect: Dialect, where: string) {
  const want = analyzeDocument(text, { dialect });
  const norm = (d: Diagnostic) =>
    d.id === "rule-unreachable"
      ? { ...d, message: d.message.replace(COVER, " by …"), related: undefined, fix: d.fix }
      : d;
  expect(got.diagnostics.map(norm).map(show), where).toEqual(want.diagnostics.map(norm).map(show));
  expect(got.diagnostics.map(norm), where).toEqual(want.diagnostics.map(norm));
  // the same verdict for every rule; witnesses and covers are checked on their own
  const status = (r: { rule: number; status: string }) => `${r.rule}:${r.status}`;
  expect(got.reachability?.map(status), where).toEqual(want.reachability?.map(status));
  for (const res of got.reachability ?? []) {
    if (res.status !== "unreachable" || !res.coveredBy.length) continue;
    // the cover alone, before the rule, leaves it nothing
    const chosen = got.rules.filter((r) => res.coveredBy.includes(r.index) || r.index === res.rule);
    const alone = analyzeReachability(chosen, { dialect });
    expect(alone[alone.length - 1].status, `${where}: cover of rule ${res.rule}`).toBe("unreachable");
  }
}

describe("incremental lint agrees with a whole-file lint", () => {
  const cases: [Dialect, Shape, number][] = [
    ["v5", "random", 14],
    ["v4", "random", 14],
    ["v6", "random", 14],
    ["v5", "fleet", 40],
    ["v4", "fleet", 40],
    ["v6", "fleet", 30],
  ];
  for (const [dialect, shape, n] of cases) {
    it(`${dialect} ${shape}: random single-rule edits`, () => {
      let incremental = 0;
      const reasons = new Map<string, number>();
      for (let seed = 1; seed <= Number(process.env.EMQX_ACL_INCREMENTAL_SEEDS ?? 12); seed++) {
        const rng = seeded(seed * 7919 + n);
        let lines = randomFile(rng, dialect, shape, n);
        const p = new Pipeline(dialect, seed % 2 === 0);
        p.update(lines.join("\n") + "\n");
        for (let step = 0; step < 12; step++) {
          const edit = randomEdit(rng, dialect, shape, lines);
          const where = `seed ${seed} step ${step} ${edit.kind}`;
          if (edit.broken) expect(p.update(edit.broken.join("\n") + "\n"), where).toBeNull();
          lines = edit.lines;
          const text = lines.join("\n") + "\n";
          const got = p.update(text);
          if (!got) continue;
          if (p.linter.mode === "incremental") incremental++;
          else reasons.set(p.linter.reason, (reasons.get(p.linter.reason) ?? 0) + 1);
          compare(got, text, dialect, where);
        }
      }
      // the comparison is about the incremental path: most edits must take it
      expect(incremental, JSON.stringify([...reasons])).toBeGreaterThan(12 * 12 * 0.5);
    });
  }
});

describe("incremental lint on edits that flip a verdict of a rule they do not change", () => {
  // a removed rule's spacers go with it and the parser re-reads the term after it: an
  // unrelated rule there keeps the rule whose verdict flips the same object
  const KEEP = '{allow, {username, "zz"}, subscribe, ["zz/keep"]}.';
  const cases: [string, string[], string[]][] = [
    [
      "removing an earlier rule makes a redundant rule decide requests a later rule answers otherwise",
      [
        '{deny, {username, "a"}, publish, ["a/b"]}.',
        '{deny, all, publish, ["a/+"]}.',
        '{allow, {username, "a"}, publish, ["a/b", "c"]}.',
        "{deny, all}.",
      ],
      ['{deny, all, publish, ["a/+"]}.', '{allow, {username, "a"}, publish, ["a/b", "c"]}.', "{deny, all}."],
    ],
    [
      "inserting a later rule of the same permission makes a rule redundant",
      ['{allow, all, publish, ["a/b"]}.', '{deny, all, publish, ["#"]}.'],
      ['{allow, all, publish, ["a/b"]}.', '{allow, all, publish, ["a/#"]}.', '{deny, all, publish, ["#"]}.'],
    ],
    [
      "removing a later rule of the other permission makes a rule redundant",
      ['{allow, all, publish, ["a/b"]}.', '{deny, all, publish, ["a/+"]}.', '{allow, all, publish, ["#"]}.'],
      ['{allow, all, publish, ["a/b"]}.', '{allow, all, publish, ["#"]}.'],
    ],
    [
      "an inserted earlier rule takes a rule's witness and hides it",
      ['{deny, all, subscribe, ["#"]}.', '{allow, {username, "a"}, publish, ["t/x"]}.', "{deny, all}."],
      [
        '{deny, all, subscribe, ["#"]}.',
        '{deny, all, publish, ["t/+"]}.',
        '{allow, {username, "a"}, publish, ["t/x"]}.',
        "{deny, all}.",
      ],
    ],
    [
      "a rule that becomes unreachable leaves the conflict list of a later rule",
      [
        '{allow, {username, "a"}, publish, ["a/b"]}.',
        '{deny, all, publish, ["a/#"]}.',
        '{allow, all, publish, ["#"]}.',
      ],
      [
        '{allow, all, publish, ["a/b"]}.',
        '{allow, {username, "a"}, publish, ["a/b"]}.',
        '{deny, all, publish, ["a/#"]}.',
        '{allow, all, publish, ["#"]}.',
      ],
    ],
    [
      "removing a covering rule revives a rule",
      [
        '{allow, all, publish, ["a/#"]}.',
        '{deny, {username, "a"}, publish, ["a/b"]}.',
        '{allow, {username, "b"}, publish, ["a/b"]}.',
        "{deny, all}.",
      ],
      [
        '{allow, {username, "b"}, publish, ["x"]}.',
        '{deny, {username, "a"}, publish, ["a/b"]}.',
        '{allow, {username, "b"}, publish, ["a/b"]}.',
        "{deny, all}.",
      ],
    ],
    // the three below each pin one keep-verdict path of verdict-carry / updateVerdicts:
    // dropping its guard (or the filter) makes the incremental result differ
    [
      "removing an earlier rule gives a redundant rule requests no later rule answers alike",
      ['{deny, all, publish, ["t"]}.', KEEP, '{allow, all, all, ["t"]}.', '{allow, all, subscribe, ["t"]}.'],
      [KEEP, '{allow, all, all, ["t"]}.', '{allow, all, subscribe, ["t"]}.'],
    ],
    [
      "removing the rule that decides a rule's witness next makes it redundant",
      ['{allow, all, subscribe, ["t"]}.', '{deny, all, subscribe, ["t"]}.', KEEP, '{allow, all, subscribe, ["t"]}.'],
      ['{allow, all, subscribe, ["t"]}.', KEEP, '{allow, all, subscribe, ["t"]}.'],
    ],
    [
      "an edited rule's conflict list leaves out earlier rules unreachable through rules it shares no request with",
      [
        '{allow, all, subscribe, ["u"]}.',
        '{allow, all, subscribe, ["t"]}.',
        '{deny, all, subscribe, ["t", "u"]}.',
        '{allow, all, all, ["t"]}.',
      ],
      [
        '{allow, all, subscribe, ["u"]}.',
        '{allow, all, subscribe, ["t"]}.',
        '{deny, all, subscribe, ["t", "u"]}.',
        '{allow, all, all, ["t", "v/#", "v/+"]}.',
      ],
    ],
    [
      "an inserted rule's conflict list leaves out earlier rules unreachable through rules it shares no request with",
      ['{allow, all, subscribe, ["u"]}.', '{allow, all, subscribe, ["t"]}.', '{deny, all, subscribe, ["t", "u"]}.'],
      [
        '{allow, all, subscribe, ["u"]}.',
        '{allow, all, subscribe, ["t"]}.',
        '{deny, all, subscribe, ["t", "u"]}.',
        '{allow, all, all, ["t", "v/#", "v/+"]}.',
      ],
    ],
    // a redundancy proof (later rules of the rule's permission take every request it
    // decides) stands through most edits; these two are the ones it does not
    [
      "a rule of the other permission inserted between a redundant rule and the rule proving it",
      ['{allow, {clientid, "c"}, publish, ["t"]}.', '{allow, all, publish, ["t"]}.', "{deny, all}."],
      [
        '{allow, {clientid, "c"}, publish, ["t"]}.',
        '{deny, {username, "a"}, publish, ["t"]}.',
        '{allow, all, publish, ["t"]}.',
        "{deny, all}.",
      ],
    ],
    [
      "removing the rule that hides a rule of the other permission between a redundant rule and the rule proving it",
      [
        '{deny, {username, "a"}, publish, ["#"]}.',
        KEEP,
        '{allow, {clientid, "c"}, publish, ["t"]}.',
        '{deny, {username, "a"}, publish, ["t"]}.',
        '{allow, all, publish, ["t"]}.',
        "{deny, all}.",
      ],
      [
        KEEP,
        '{allow, {clientid, "c"}, publish, ["t"]}.',
        '{deny, {username, "a"}, publish, ["t"]}.',
        '{allow, all, publish, ["t"]}.',
        "{deny, all}.",
      ],
    ],
    [
      "removing the rule that proves a rule redundant",
      ['{allow, {clientid, "c"}, publish, ["t"]}.', '{allow, all, publish, ["t"]}.', "{deny, all}."],
      ['{allow, {clientid, "c"}, publish, ["t"]}.', "{deny, all}."],
    ],
  ];
  // an unrelated rule after each edited one: the parser re-reads the term after an edit,
  // and the rule whose verdict flips must be one the edit left alone
  // (named after the line they follow, so an edit elsewhere leaves them as they are)
  const spacer = (line: string, n: number) =>
    `{allow, {username, "zz"}, subscribe, ["zz/${[...line].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7)}/${n}"]}.`;
  const spaced = (lines: string[]) => lines.flatMap((l) => [l, spacer(l, 1), spacer(l, 2)]);
  for (const [name, b, a] of cases) {
    const before = spaced(b);
    const after = spaced(a);
    it(name, () => {
      const p = new Pipeline("v5");
      const first = p.update(before.join("\n") + "\n")!;
      compare(first, before.join("\n") + "\n", "v5", "before");
      const text = after.join("\n") + "\n";
      const got = p.update(text)!;
      expect(p.linter.mode, p.linter.reason).toBe("incremental");
      compare(got, text, "v5", "after");
      // the edit did change what lint says
      expect(got.diagnostics.map(show)).not.toEqual(first.diagnostics.map(show));
    });
  }
});

describe("incremental lint keeps a redundancy its proof still shows", () => {
  // rule 2 is redundant: rule 3 (same permission, after it) takes every request it decides;
  // removing rule 1, which shares requests with it, gives it more requests, all of them rule 3's
  // (the parser re-reads the term after a removed one: an unrelated rule takes that place)
  const before = [
    '{deny, {username, "a"}, publish, ["t"]}.',
    '{allow, {username, "zz"}, subscribe, ["zz/keep"]}.',
    '{allow, {clientid, "c"}, publish, ["t"]}.',
    '{allow, all, publish, ["t"]}.',
    "{deny, all}.",
  ];
  it("without analysing the rule again, and with a whole-file lint's answer", () => {
    const p = new Pipeline("v5");
    const first = p.update(before.join("\n") + "\n")!;
    expect(first.diagnostics.filter((d) => d.id === "rule-redundant").map((d) => d.term)).toEqual([3]);
    const text = before.slice(1).join("\n") + "\n";
    const got = p.update(text)!;
    expect(p.linter.mode, p.linter.reason).toBe("incremental");
    // the re-read rule only, not the redundant one
    expect(p.linter.reanalysed).toBe(1);
    compare(got, text, "v5", "after");
    expect(got.diagnostics.filter((d) => d.id === "rule-redundant").map((d) => d.term)).toEqual([2]);
  });
});

describe("incremental lint keeps the diagnostic objects of findings that did not move", () => {
  const lines = [
    '{allow, {username, "a"}, publish, ["d/${clientid}/x"]}.',
    '{allow, {username, "b"}, publish, ["d/${clientid}/y"]}.',
    '{allow, {username, "c"}, publish, ["d/${clientid}/z"]}.',
  ];
  const byLine = (ds: Diagnostic[], line: number) =>
    ds.filter((d) => d.id === "placeholder-wildcard-injection" && d.range.start.line === line);

  it("the same object before the edit and after it on other lines; a new one where the edit moved it", () => {
    const p = new Pipeline("v5");
    const first = p.update(lines.join("\n") + "\n")!.diagnostics;
    expect(byLine(first, 0)).toHaveLength(1);
    // a keystroke inside rule 2's topic: rule 1 is before it, rule 3 on a later line
    const edited = [lines[0], lines[1].replace("/y", "/yy"), lines[2]];
    const text = edited.join("\n") + "\n";
    const second = p.update(text)!;
    expect(p.linter.mode, p.linter.reason).toBe("incremental");
    compare(second, text, "v5", "after a keystroke");
    expect(byLine(second.diagnostics, 0)[0]).toBe(byLine(first, 0)[0]);
    expect(byLine(second.diagnostics, 2)[0]).toBe(byLine(first, 2)[0]);
    // a new line before rule 3: its diagnostic moves down a line, as a new object
    const moved = [edited[0], edited[1], "", edited[2]].join("\n") + "\n";
    const third = p.update(moved)!;
    compare(third, moved, "v5", "after a new line");
    expect(byLine(third.diagnostics, 0)[0]).toBe(byLine(first, 0)[0]);
    expect(byLine(third.diagnostics, 3)[0]).not.toBe(byLine(second.diagnostics, 2)[0]);
  });
});
