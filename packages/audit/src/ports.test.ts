import { describe, expect, it } from "vitest";
import { renderAwsSecurityGroups, renderIptables, renderNftables } from "./firewall";
import { NodeNameError, hostRules, nodePorts, planPorts } from "./ports";

describe("nodePorts: the suffix rule of ekka_dist / gen_rpc_helper", () => {
  it.each([
    ["emqx@10.0.0.1", null, 4370, 5370],
    ["emqx1@10.0.0.1", "1", 4371, 5371],
    ["emqx-12@10.0.0.1", "12", 4382, 5382],
    ["emqx01@h", "01", 4371, 5371],
    ["emqx1a@h", null, 4370, 5370],
    ["emqx@host-1", null, 4370, 5370],
    ["emqx-core-2@emqx-core-2.svc", "2", 4372, 5372],
    ["e65000@h", "65000", 9370, 10370],
    [
      "node_99999999999999999999@h",
      "99999999999999999999",
      4370 + Number(99999999999999999999n % 60000n),
      5370 + Number(99999999999999999999n % 60000n),
    ],
  ])("%s", (node, suffix, dist, rpc) => {
    const p = nodePorts(node);
    expect([p.suffix, p.distPort, p.rpcPort]).toEqual([suffix, dist, rpc]);
  });

  it("Docker (manual port discovery) puts RPC on 5369 whatever the name", () => {
    expect(nodePorts("emqx-3@10.0.0.3", true)).toMatchObject({ distPort: 4373, rpcPort: 5369 });
    expect(nodePorts("emqx@172.17.0.2", true)).toMatchObject({ distPort: 4370, rpcPort: 5369 });
  });

  it("EMQX 4 with WITH_EPMD: epmd 4369 and distribution 6369 for every node", () => {
    expect(nodePorts("emqx3@10.0.0.3", { withEpmd: true })).toMatchObject({
      epmdPort: 4369,
      distPort: 6369,
      rpcPort: 5373,
    });
    const rules = hostRules(planPorts(["emqx1@10.0.0.1", "emqx2@10.0.0.2"], { withEpmd: true }));
    expect(rules[0].ports).toEqual([4369, 5371, 6369]);
    expect(nodePorts("emqx3@10.0.0.3").epmdPort).toBeNull();
  });

  it.each(["emqx", "@10.0.0.1", "emqx@", "em.qx@h", "emqx node@h"])("rejects %j", (node) => {
    expect(() => nodePorts(node)).toThrow(NodeNameError);
  });
});

describe("planPorts", () => {
  it("warns about clashing ports on one host, non-IP hosts and remsh names", () => {
    const plan = planPorts(["emqx@10.0.0.1", "emqx0@10.0.0.1", "emqx1@node.example", "remsh1@10.0.0.9"]);
    expect(plan.warnings).toEqual([
      "emqx0@10.0.0.1 and emqx@10.0.0.1 both use port 4370 on 10.0.0.1",
      "emqx0@10.0.0.1 and emqx@10.0.0.1 both use port 5370 on 10.0.0.1",
      'emqx1@node.example: host "node.example" is not an IP address; firewall rules need the node\'s address',
      'remsh1@10.0.0.9: names starting with "remsh" are remote shells and get port 0',
    ]);
  });

  it("in Docker mode two nodes on one host clash on 5369", () => {
    expect(planPorts(["emqx1@10.0.0.1", "emqx2@10.0.0.1"], { docker: true }).warnings).toEqual([
      "emqx2@10.0.0.1 and emqx1@10.0.0.1 both use port 5369 on 10.0.0.1",
    ]);
    expect(planPorts(["emqx1@10.0.0.1", "emqx2@10.0.0.1"]).warnings).toEqual([]);
  });

  it("opens each host's ports to the other hosts only (and to itself when it runs two nodes)", () => {
    const rules = hostRules(planPorts(["emqx1@10.0.0.1", "emqx2@10.0.0.2", "emqx3@10.0.0.2"]));
    expect(rules).toEqual([
      { host: "10.0.0.1", nodes: ["emqx1@10.0.0.1"], ports: [4371, 5371], sources: ["10.0.0.2"] },
      {
        host: "10.0.0.2",
        nodes: ["emqx2@10.0.0.2", "emqx3@10.0.0.2"],
        ports: [4372, 4373, 5372, 5373],
        sources: ["10.0.0.1", "10.0.0.2"],
      },
    ]);
  });
});

describe("firewall formats", () => {
  const plan = planPorts(["emqx1@10.0.0.1", "emqx2@10.0.0.2", "emqx-3@fd00::3"]);

  it("iptables: accept from peers, drop the same ports from anyone else, nothing more", () => {
    const text = renderIptables(plan);
    const rules = text.split("\n").filter((l) => /^ip6?tables /.test(l));
    expect(rules.slice(0, 4)).toEqual([
      "iptables -A INPUT -p tcp -s 10.0.0.2 -m multiport --dports 4371,5371 -j ACCEPT",
      "ip6tables -A INPUT -p tcp -s fd00::3 -m multiport --dports 4371,5371 -j ACCEPT",
      "iptables -A INPUT -p tcp -m multiport --dports 4371,5371 -j DROP",
      "ip6tables -A INPUT -p tcp -m multiport --dports 4371,5371 -j DROP",
    ]);
    expect(rules).toHaveLength(12);
    expect(rules.join("\n")).not.toMatch(/4369|5369/);
    expect(text).toContain("# on fd00::3 (emqx-3@fd00::3)");
  });

  it("nftables: one table per host with v4 and v6 peer sets", () => {
    const text = renderNftables(plan);
    expect(text).toContain(
      "    ip saddr { 10.0.0.1, 10.0.0.2 } tcp dport { 4373, 5373 } accept\n    tcp dport { 4373, 5373 } drop",
    );
    expect(text).toContain("    ip6 saddr { fd00::3 } tcp dport { 4372, 5372 } accept");
    expect(text.match(/^table inet emqx_cluster \{$/gm)).toHaveLength(3);
  });

  it("AWS security group ingress per host, /32 and /128 ranges", () => {
    const json = JSON.parse(renderAwsSecurityGroups(planPorts(["emqx1@10.0.0.1", "emqx2@10.0.0.2"], { docker: true })));
    expect(json.RpcPortDiscovery).toBe("manual");
    expect(json.SecurityGroups[0]).toEqual({
      Host: "10.0.0.1",
      Nodes: ["emqx1@10.0.0.1"],
      IpPermissions: [
        {
          IpProtocol: "tcp",
          FromPort: 4371,
          ToPort: 4371,
          IpRanges: [{ CidrIp: "10.0.0.2/32", Description: "EMQX emqx2@10.0.0.2" }],
          Ipv6Ranges: [],
        },
        {
          IpProtocol: "tcp",
          FromPort: 5369,
          ToPort: 5369,
          IpRanges: [{ CidrIp: "10.0.0.2/32", Description: "EMQX emqx2@10.0.0.2" }],
          Ipv6Ranges: [],
        },
      ],
    });
    const v6 = JSON.parse(renderAwsSecurityGroups(plan));
    expect(v6.SecurityGroups[0].IpPermissions[0].Ipv6Ranges).toEqual([
      { CidrIpv6: "fd00::3/128", Description: "EMQX emqx-3@fd00::3" },
    ]);
  });
});
