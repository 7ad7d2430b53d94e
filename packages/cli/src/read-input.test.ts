import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readInput } from "./read-input";
import { UsageError } from "./usage-error";

describe("readInput", () => {
  const dir = mkdtempSync(join(tmpdir(), "emqx-acl-read-"));

  it("reads bytes unchanged", () => {
    const path = join(dir, "a.conf");
    writeFileSync(path, Buffer.from([0xef, 0xbb, 0xbf, 0xff, 0x41]));
    expect([...readInput(path).bytes]).toEqual([0xef, 0xbb, 0xbf, 0xff, 0x41]);
  });

  it("gives one-line reasons for missing files and directories", () => {
    expect(() => readInput(join(dir, "x.conf"))).toThrow(
      new UsageError(`cannot read '${join(dir, "x.conf")}': no such file`),
    );
    expect(() => readInput(dir)).toThrow(`cannot read '${dir}': is a directory`);
  });

  it("reads - from the given stdin reader and names it <stdin>", () => {
    const input = readInput("-", () => new Uint8Array([0x7b]));
    expect(input.path).toBe("<stdin>");
    expect([...input.bytes]).toEqual([0x7b]);
    expect(readInput("/dev/stdin", () => new Uint8Array([0x7d])).path).toBe("/dev/stdin");
  });
});
