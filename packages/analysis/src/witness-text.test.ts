import { describe, expect, it } from "vitest";
import type { WireRequest } from "@emqx-acl/core";
import { witnessText } from "./witness-text";

const plain: WireRequest = {
  username: "u",
  clientid: "c",
  peerhost: "10.0.0.1",
  zone: "default",
  listener: "tcp:default",
  cert_common_name: null,
  client_attrs: {},
  action: "publish",
  qos: 1,
  retain: true,
  topic: "a/b",
};

describe("witnessText: one wording for every witness", () => {
  it("says the request, then the client, leaving out what a plain TCP client has", () => {
    expect(witnessText(plain)).toBe('publish "a/b" qos 1 retained by username "u", clientid "c", from 10.0.0.1');
    expect(witnessText({ ...plain, action: "subscribe", username: null, peerhost: null as unknown as string })).toBe(
      'subscribe "a/b" qos 1 by no username, clientid "c"',
    );
    expect(
      witnessText({
        ...plain,
        cert_common_name: "cn",
        client_attrs: { tenant: "t1" },
        zone: "z",
        listener: "ssl:default",
      }),
    ).toBe(
      'publish "a/b" qos 1 retained by username "u", clientid "c", from 10.0.0.1, cert CN "cn", attr tenant="t1", zone "z", listener "ssl:default"',
    );
  });
});
