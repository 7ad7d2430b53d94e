import { describe, expect, it } from "vitest";
import { parseSourceUrlSpec } from "./source-url";

describe("parseSourceUrlSpec", () => {
  it("reads TYPE=URL for mysql, postgresql and redis", () => {
    expect(parseSourceUrlSpec("mysql=mysql://u:p@h/db?x=1")).toEqual({ type: "mysql", url: "mysql://u:p@h/db?x=1" });
    expect(parseSourceUrlSpec("postgresql=postgres://h/db").type).toBe("postgresql");
    expect(parseSourceUrlSpec("redis=redis://h:6379/2").type).toBe("redis");
  });

  it("refuses other types and mismatched schemes without printing the password", () => {
    expect(() => parseSourceUrlSpec("mongodb=mongodb://h/db")).toThrow(
      /not 'mongodb' \(no MongoDB driver is bundled\)/,
    );
    expect(() => parseSourceUrlSpec("mysql=postgres://u:hunter2@h/db")).toThrow(
      /expected a mysql:\/\/ URL, got 'postgres:\/\/…@h\/db'/,
    );
    expect(() => parseSourceUrlSpec("mysql=postgres://u:hunter2@h/db")).not.toThrow(/hunter2/);
    expect(() => parseSourceUrlSpec("mysql=")).toThrow(/expected TYPE=URL/);
  });

  it("http: an origin only (the path and query come from the source's url)", () => {
    expect(parseSourceUrlSpec("http=http://127.0.0.1:8080").type).toBe("http");
    expect(parseSourceUrlSpec("http=https://h/").type).toBe("http");
    expect(() => parseSourceUrlSpec("http=http://h/authz")).toThrow(/give only scheme:\/\/host:port/);
    expect(() => parseSourceUrlSpec("http=http://u:hunter2@h")).not.toThrow(/hunter2/);
    expect(() => parseSourceUrlSpec("http=ftp://h")).toThrow(/expected a http:\/\/ URL/);
  });
});
