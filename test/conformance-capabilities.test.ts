/**
 * The capability records (core's model/dialects.ts) against what EMQX itself did in the
 * conformance vectors: for each capability the data can show, every case that shows it
 * must agree with the dialect's record, and at least one case must show it.
 *
 * Load probes look at the forms that use a construct: a file that loads, or that EMQX
 * refused at a later term, accepted it; a file refused at that very term refused it (counted
 * only when the form uses no other probed construct, so the refusal is this one's).
 */
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { capabilities, DIALECTS, type Dialect, type DialectCapabilities } from "../packages/core/src/index";
import { decodeAclBytes, parseDocument, type Term, type TupleTerm } from "../packages/syntax/src/index";
import { conformanceCases } from "./support/shared";

interface Case {
  name: string;
  forms: (Term | null)[];
  expected: Record<string, unknown>[];
  requests: Record<string, unknown>[];
}

const readLines = (path: string): Record<string, unknown>[] =>
  readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>);

function loadCase(dir: string): Case {
  const text = decodeAclBytes(readFileSync(join(dir, "acl.conf"))).text;
  const forms = parseDocument(text).forms.map((f) => f.term);
  const expected = readLines(join(dir, "expected.jsonl"));
  const requests = "load_error" in expected[0] ? [] : readLines(join(dir, "requests.jsonl"));
  return { name: basename(dir), forms, expected, requests };
}

const atom = (t: Term | undefined): string | null => (t?.kind === "atom" ? t.value : null);
const tagged = (t: Term, tag: string, n = 2): t is TupleTerm =>
  t.kind === "tuple" && t.elements.length === n && atom(t.elements[0]) === tag;
const rule4 = (t: Term | null): Term[] | null => (t?.kind === "tuple" && t.elements.length === 4 ? t.elements : null);

/** Every sub-term of a who-condition, through 'and' / 'or' lists. */
function whoTerms(t: Term): Term[] {
  if (
    t.kind === "tuple" &&
    (atom(t.elements[0]) === "and" || atom(t.elements[0]) === "or") &&
    t.elements[1]?.kind === "list"
  ) {
    return [t, ...t.elements[1].elements.flatMap(whoTerms)];
  }
  return [t];
}
const whoOf = (t: Term | null): Term[] => {
  const r = rule4(t);
  return r ? whoTerms(r[1]) : t?.kind === "tuple" && t.elements.length === 2 ? whoTerms(t.elements[1]) : [];
};

interface LoadProbe {
  /** What the probe shows, e.g. "{re, R} names". */
  construct: string;
  /** Does the form use it? */
  uses(form: Term | null): boolean;
  /** Should the dialect accept it, by its record? */
  accepts(c: DialectCapabilities): boolean;
}

const textOf = (t: Term): string | null => (t.kind === "string" ? t.value : t.kind === "binary" ? t.bytes : null);

/** A pattern that compiles (so a refusal is about `{re, R}` itself, not a bad pattern). */
function goodPattern(t: Term): boolean {
  const text = textOf(t);
  try {
    return text !== null && new RegExp(text) !== null;
  } catch {
    return false;
  }
}

/** A name, or a `{re, R}` whose pattern compiles. */
const goodName = (t: Term): boolean => textOf(t) !== null || (tagged(t, "re") && goodPattern(t.elements[1]));

const qos = (t: Term) => t.kind === "integer" && t.value >= 0n && t.value <= 2n;
/** `qos`, `retain`, `{qos, 0..2 | [0..2]}`, `{retain, true | false}`: options EMQX 5+ take. */
const goodOption = (o: Term): boolean =>
  atom(o) === "qos" ||
  atom(o) === "retain" ||
  (tagged(o, "qos") && (qos(o.elements[1]) || (o.elements[1].kind === "list" && o.elements[1].elements.every(qos)))) ||
  (tagged(o, "retain") && (atom(o.elements[1]) === "true" || atom(o.elements[1]) === "false"));

const LOAD_PROBES: LoadProbe[] = [
  {
    construct: "{re, R} names (nameRegex)",
    uses: (f) =>
      whoOf(f).some(
        (w) =>
          w.kind === "tuple" &&
          w.elements.length === 2 &&
          tagged(w.elements[1], "re") &&
          goodPattern(w.elements[1].elements[1]),
      ),
    accepts: (c) => c.nameRegex,
  },
  {
    construct: "the action pubsub (bothAction)",
    uses: (f) => atom(rule4(f)?.[2]) === "pubsub",
    accepts: (c) => c.bothAction === "pubsub",
  },
  {
    construct: "the action all (bothAction)",
    uses: (f) => atom(rule4(f)?.[2]) === "all",
    accepts: (c) => c.bothAction === "all",
  },
  {
    construct: "{Action, [Option]} (actionOptions)",
    uses: (f) => {
      const a = rule4(f)?.[2];
      return (
        a !== undefined &&
        a.kind === "tuple" &&
        a.elements.length === 2 &&
        a.elements[1].kind === "list" &&
        a.elements[1].elements.every(goodOption)
      );
    },
    accepts: (c) => c.actionOptions,
  },
  {
    construct: "the topics atom all (topicsAll)",
    uses: (f) => atom(rule4(f)?.[3]) === "all",
    accepts: (c) => c.topicsAll,
  },
  {
    construct: "{zone, Z} / {listener, L} (zoneListener)",
    uses: (f) => whoOf(f).some((w) => (tagged(w, "zone") || tagged(w, "listener")) && goodName(w.elements[1])),
    accepts: (c) => c.zoneListener,
  },
  {
    construct: "{client_attr, N, V} (clientAttrs)",
    uses: (f) =>
      whoOf(f).some((w) => tagged(w, "client_attr", 3) && textOf(w.elements[1]) !== null && goodName(w.elements[2])),
    accepts: (c) => c.clientAttrs,
  },
  {
    construct: "{security_profile, P} (securityProfiles)",
    uses: (f) => whoOf(f).some((w) => tagged(w, "security_profile")),
    accepts: (c) => c.securityProfiles,
  },
  {
    construct: "{username, Name} (whoTags.username)",
    uses: (f) =>
      whoOf(f).some(
        (w) => tagged(w, "username") && (w.elements[1].kind === "string" || w.elements[1].kind === "binary"),
      ),
    accepts: (c) => c.whoTags.username === "username",
  },
  {
    construct: "a topic string above Latin-1 (stringEncoding)",
    uses: (f) => {
      const ts = rule4(f)?.[3];
      return ts?.kind === "list" && ts.elements.some((t) => t.kind === "string" && t.codes.some((x) => x > 255));
    },
    accepts: (c) => c.stringEncoding === "utf8",
  },
];

type Verdict = "accepted" | "refused";

/** What EMQX did with the forms of `c` that use the construct (undecidable ones left out). */
function loadVerdicts(c: Case, probe: LoadProbe): { verdict: Verdict; where: string }[] {
  const loadError = "load_error" in c.expected[0] ? (c.expected[0].term as number | null) : undefined;
  const out: { verdict: Verdict; where: string }[] = [];
  c.forms.forEach((form, i) => {
    if (!probe.uses(form)) return;
    const index = i + 1;
    const where = `${c.name} term ${index}`;
    if (loadError === undefined || (loadError !== null && loadError > index)) out.push({ verdict: "accepted", where });
    else if (loadError === index && LOAD_PROBES.every((p) => p === probe || !p.uses(form)))
      out.push({ verdict: "refused", where });
  });
  return out;
}

/** Requests decided by a rule whose every topic starts with `+` or `#`, for a `$` topic. */
function wildcardDollarMatches(c: Case): string[] {
  const out: string[] = [];
  c.requests.forEach((req, i) => {
    const topic = String(req.topic);
    if (!topic.startsWith("$") || /^\$(share|queue|exclusive|delayed)\//.test(topic)) return;
    const rule = c.expected[i]?.rule;
    if (typeof rule !== "number") return;
    const topics = rule4(c.forms[rule - 1])?.[3];
    if (topics?.kind !== "list" || topics.elements.length === 0) return;
    const firstWords = topics.elements.map((t) => textOf(t)?.split("/")[0]);
    if (firstWords.every((w) => w === "+" || w === "#"))
      out.push(`${c.name} request ${i + 1} (${topic}) matched rule ${rule}`);
  });
  return out;
}

/** Requests of `$delayed/<N>` with no topic after the interval, and whether EMQX refused them. */
function delayedRefusals(c: Case): { refused: boolean; where: string }[] {
  return c.requests.flatMap((req, i) =>
    /^\$delayed\/[^/]*$/.test(String(req.topic))
      ? [{ refused: c.expected[i]?.note === "invalid $delayed topic", where: `${c.name} request ${i + 1}` }]
      : [],
  );
}

const cases = new Map<Dialect, Case[]>(DIALECTS.map((d) => [d, conformanceCases(d).map(loadCase)]));

describe("capability records agree with the conformance vectors", () => {
  for (const probe of LOAD_PROBES) {
    it(probe.construct, () => {
      let shown = 0;
      for (const d of DIALECTS) {
        const want: Verdict = probe.accepts(capabilities(d)) ? "accepted" : "refused";
        const seen = cases.get(d)!.flatMap((c) => loadVerdicts(c, probe));
        expect(seen.filter((s) => s.verdict !== want).map((s) => `${d}: ${s.where} was ${s.verdict}`)).toEqual([]);
        shown += seen.length;
      }
      expect(shown, "no conformance case shows this construct").toBeGreaterThan(0);
    });
  }

  it("a leading + or # matches $-topics exactly where there is no dollarGuard", () => {
    for (const d of DIALECTS) {
      const seen = cases.get(d)!.flatMap(wildcardDollarMatches);
      if (capabilities(d).dollarGuard) expect(seen, d).toEqual([]);
      else expect(seen.length, `${d}: no case shows a wildcard matching a $-topic`).toBeGreaterThan(0);
    }
  });

  it("$delayed/<N> without a topic is refused exactly where there is delayedPrefix", () => {
    let shown = 0;
    for (const d of DIALECTS) {
      const seen = cases.get(d)!.flatMap(delayedRefusals);
      expect(seen.filter((s) => s.refused !== capabilities(d).delayedPrefix).map((s) => `${d}: ${s.where}`)).toEqual(
        [],
      );
      shown += seen.length;
    }
    expect(shown).toBeGreaterThan(0);
  });
});
