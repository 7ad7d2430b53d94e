/**
 * The fast reader of request lines gives exactly what `JSON.parse` + `fromWire` give, or
 * declines (null): on conformance-style lines, on random objects of the known fields with
 * right and wrong types, and on the same lines with whitespace, escapes and damage.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromWire } from "./from-wire";
import { fastWireRequest } from "./wire-fast";
import { WIRE_FIELDS } from "./request";

function slow(line: string): unknown {
  try {
    return fromWire(JSON.parse(line));
  } catch (e) {
    return { error: (e as Error).message };
  }
}

const str = fc.oneof(
  fc.constantFrom("u1", "", "a/b", "$SYS/#", "é", 'x"y', "back\\slash", "\u0001", "10.0.0.1"),
  fc.string({ maxLength: 6 }),
);
const value = fc.oneof(
  str,
  fc.constantFrom(null, true, false, 0, 1, 2, 3, -1, 1.5, 10, {}, { a: "b" }, [], "publish", "subscribe"),
);
const keys = [...WIRE_FIELDS, "other"];
const object = fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 11 });
const valid = fc.record(
  {
    username: fc.option(str, { nil: null }),
    clientid: str,
    peerhost: fc.option(str, { nil: null }),
    zone: str,
    listener: str,
    cert_common_name: fc.option(str, { nil: null }),
    client_attrs: fc.constant({}),
    action: fc.constantFrom("publish", "subscribe"),
    qos: fc.constantFrom(0, 1, 2),
    retain: fc.boolean(),
    topic: str,
  },
  { requiredKeys: ["action", "topic"] },
);
const spaced = (o: object) =>
  fc.constantFrom(
    JSON.stringify(o),
    JSON.stringify(o, null, 1).replace(/\n/g, ""),
    ` ${JSON.stringify(o)}\t`,
    JSON.stringify(o).replace(/:/g, " : ").replace(/,/g, " ,\t"),
  );
const damaged = (line: string) =>
  fc
    .tuple(fc.nat(line.length), fc.constantFrom("", "}", ",", '"', "0", "{", " "))
    .map(([i, c]) => line.slice(0, i) + c + line.slice(i + 1));

describe("fastWireRequest", () => {
  it("reads the simple line as fromWire does", () => {
    const line =
      '{"username":"u1","clientid":"c1","peerhost":"10.0.0.5","zone":"default","listener":"tcp:default","cert_common_name":null,"client_attrs":{},"action":"publish","qos":1,"retain":true,"topic":"t/u1"}';
    expect(fastWireRequest(line)).toEqual(slow(line));
    expect(fastWireRequest('{"action":"subscribe","topic":"é/#","retain":true}')).toEqual(
      slow('{"action":"subscribe","topic":"é/#","retain":true}'),
    );
    expect(fastWireRequest('{"action":"publish",\t"topic":"t", "username":"ü"}')).toEqual(
      slow('{"action":"publish",\t"topic":"t", "username":"ü"}'),
    );
  });
  it("declines raw control characters and escapes inside strings (JSON.parse words those)", () => {
    for (const bad of ["a\tb", "a\u0001b", 'a\\"b', "a\\nb", "\u001f"]) {
      const line = `{"action":"publish","topic":"${bad}"}`;
      expect(fastWireRequest(line), JSON.stringify(line)).toBeNull();
    }
  });
  it("agrees with JSON.parse + fromWire whenever it answers (random, spaced and damaged lines)", () => {
    const line = fc
      .oneof(valid, object)
      .chain(spaced)
      .chain((l) => fc.oneof(fc.constant(l), damaged(l)));
    let answered = 0;
    fc.assert(
      fc.property(line, (l) => {
        const fast = fastWireRequest(l);
        if (fast === null) return;
        answered++;
        expect(fast).toEqual(slow(l));
      }),
      { seed: 7, numRuns: 20000 },
    );
    expect(answered).toBeGreaterThan(500);
  });
});
