import { describe, expect, it } from "vitest";
import { parseWireLine, WireError } from "./from-wire";

describe("fromWire is_superuser", () => {
  const line = (extra: string) => `{"action":"publish","topic":"t"${extra}}`;

  it("is absent unless the line says true", () => {
    expect(parseWireLine(line("")).is_superuser).toBeUndefined();
    expect("is_superuser" in parseWireLine(line(`,"is_superuser":false`))).toBe(false);
    expect(parseWireLine(line(`,"is_superuser":true`)).is_superuser).toBe(true);
  });

  it("refuses a value that is not a boolean", () => {
    expect(() => parseWireLine(line(`,"is_superuser":1`))).toThrow(WireError);
    expect(() => parseWireLine(line(`,"is_superuser":"true"`))).toThrow(/"is_superuser" must be true or false/);
  });
});
