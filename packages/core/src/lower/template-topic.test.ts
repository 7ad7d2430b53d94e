/**
 * The template EMQX keeps for a `${…}` topic, against vectors produced by EMQX 5.8.9's own
 * emqx_template module (scripts/tplgen.erl: parse, validate, pre-render disallowed names,
 * parse again — the file source's steps; HEAD's emqx_template / emqx_auth_template do the same).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { topicTemplate } from "./emqx-template";
import { templateTopic } from "./lower-topic";

const vectors = readFileSync(new URL("./emqx-template.vectors.jsonl", import.meta.url), "utf8")
  .split("\n")
  .filter((l) => l !== "")
  .map((l) => JSON.parse(l) as { topic: string; template: ({ text: string } | { name: string })[] });

describe("topicTemplate (EMQX's own emqx_template on generated topics)", () => {
  it(`agrees on ${vectors.length} topics`, () => {
    const wrong = vectors.filter((v) => JSON.stringify(topicTemplate(v.topic)) !== JSON.stringify(v.template));
    expect(
      wrong
        .slice(0, 5)
        .map((v) => `${v.topic} → ${JSON.stringify(topicTemplate(v.topic))}, EMQX ${JSON.stringify(v.template)}`),
    ).toEqual([]);
  });
});

describe("templateTopic", () => {
  const span = { start: 0, end: 0 };
  it("drops the dot of ${.name}; a disallowed name leaves only literals: the original text is used", () => {
    expect(templateTopic("${.}/a", span)).toMatchObject({ kind: "filter", text: "${.}/a" });
    expect(templateTopic("${.clientid}/a", span)).toMatchObject({
      kind: "text-template",
      parts: [{ placeholder: "clientid" }, "/a"],
    });
  });
  it("a disallowed name makes client_attrs literal and undoes ${$} escapes", () => {
    expect(templateTopic("${client_attrs.k}/${clientid}/${.}", span)).toMatchObject({
      parts: ["${client_attrs.k}/", { placeholder: "clientid" }, "/${}"],
    });
    expect(templateTopic("${$}{username}/${.}", span)).toMatchObject({ parts: [{ placeholder: "username" }, "/${}"] });
    expect(templateTopic("${$}{username}/${clientid}", span)).toMatchObject({
      parts: ["${username}/", { placeholder: "clientid" }],
    });
  });
});
