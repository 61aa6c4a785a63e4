import { suite } from "uvu";
import * as assert from "uvu/assert";
import { createServer, type Server } from "node:net";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "../_support/index.ts";
import { listeningPorts, portInUse, portListening } from "../../lib/parallel/port-probe.ts";
import { portRange } from "./_helpers.ts";

const probe = suite("port-probe");

function listen(port: number, host: string, ipv6Only = false): Promise<Server | null> {
  return new Promise((resolve) => {
    const s = createServer();
    // A host this machine does not have (no IPv6, no 127.0.0.2): that case is left out.
    s.once("error", () => resolve(null));
    s.listen({ port, host, ipv6Only }, () => resolve(s));
  });
}

/** A listener of each kind: host, IPv6 only. */
const LISTENERS: [string, boolean][] = [
  ["127.0.0.1", false],
  ["0.0.0.0", false],
  ["::1", true],
  ["::", false],
  ["::", true],
];

probe(
  "listeningPorts answers like portListening for each kind of listener, without and with the socket tables",
  async () => {
    const { start } = portRange(8);
    const hosts: [string, boolean][] = [...LISTENERS, ["127.0.0.2", false]];
    const servers = await Promise.all(hosts.map(([host, v6only], i) => listen(start + i, host, v6only)));
    try {
      const ports = Array.from({ length: 8 }, (_, i) => start + i);
      const one = await Promise.all(ports.map(portListening));
      const expected = ports.filter((_, i) => one[i]);
      assert.ok(expected.includes(start) && expected.includes(start + 1), "IPv4 listeners answer");
      assert.not.ok(expected.includes(start + 7), "a free port does not");
      if (servers[5]) assert.not.ok(expected.includes(start + 5), "127.0.0.2 is not 127.0.0.1");
      assert.equal([...(await listeningPorts(ports))].sort(), expected);
      // No socket tables to read: one connect probe per port, the same answer.
      assert.equal([...(await listeningPorts(ports, { procNet: join(tempDir(), "none") }))].sort(), expected);
    } finally {
      for (const s of servers) s?.close();
    }
  },
);

probe("portInUse sees a listener of each kind (IPv6-only ones included), and a free port is free", async () => {
  const { start } = portRange(8);
  const hosts = LISTENERS;
  const servers = await Promise.all(hosts.map(([host, v6only], i) => listen(start + i, host, v6only)));
  try {
    for (const [i, s] of servers.entries()) if (s) assert.ok(await portInUse(start + i), hosts[i]!.join(" "));
    assert.not.ok(await portInUse(start + 7));
  } finally {
    for (const s of servers) s?.close();
  }
});

probe("the socket tables: LISTEN on any or loopback address of either family counts, others do not", async () => {
  const dir = tempDir();
  const le = (hex: string) => hex.match(/../g)!.reverse().join("");
  const header = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";
  const row = (addr: string, port: number, st = "0A") =>
    `   0: ${addr}:${port.toString(16).toUpperCase().padStart(4, "0")} 00000000:0000 ${st} 00000000:00000000 00:00000000 00000000  0 0 1 1\n`;
  const v6 = (...w: string[]) => w.map(le).join("");
  writeFileSync(
    join(dir, "tcp"),
    header +
      row(le("7F000001"), 4001) +
      row(le("00000000"), 4002) +
      row(le("0A000005"), 4003) +
      row(le("7F000001"), 4004, "01"),
  );
  writeFileSync(
    join(dir, "tcp6"),
    header +
      row(v6("00000000", "00000000", "00000000", "00000001"), 4005) +
      row(v6("00000000", "00000000", "00000000", "00000000"), 4006) +
      row(v6("00000000", "00000000", "0000FFFF", "7F000001"), 4007) +
      row(v6("20010DB8", "00000000", "00000000", "00000001"), 4008),
  );
  const ports = Array.from({ length: 9 }, (_, i) => 4001 + i);
  const endian = (await import("node:os")).endianness();
  if (endian !== "LE") return; // The rows above are written in little-endian order.
  assert.equal([...(await listeningPorts(ports, { procNet: dir }))].sort(), [4001, 4002, 4005, 4006, 4007]);
  // Without tcp6 (no IPv6): the IPv4 table alone.
  const v4only = tempDir();
  writeFileSync(join(v4only, "tcp"), header + row(le("7F000001"), 4001));
  assert.equal([...(await listeningPorts(ports, { procNet: v4only }))], [4001]);
  assert.equal([...(await listeningPorts([], { procNet: dir }))], []);
});

probe.run();
