import { endianness } from "node:os";

/**
 * How a connection to a TCP `host:port` or a local socket `path` goes: true when it is accepted
 * within `timeoutMs`, else why not (the error's code, or ETIMEDOUT).
 */
export async function connectOutcome(
  to: { port: number; host: string } | { path: string },
  timeoutMs = 250,
): Promise<true | string> {
  const { createConnection } = await import("node:net");
  return new Promise((resolve) => {
    const socket = createConnection(to);
    const done = (value: true | string) => {
      socket.destroy();
      resolve(value);
    };
    socket.setTimeout(timeoutMs, () => done("ETIMEDOUT"));
    socket.once("connect", () => done(true));
    socket.once("error", (e: NodeJS.ErrnoException) => done(e.code ?? "ERROR"));
  });
}

/** True when a TCP listener answers on `host:port` (connect succeeds within `timeoutMs`). */
export async function answers(port: number, host: string, timeoutMs = 250): Promise<boolean> {
  return (await connectOutcome({ port, host }, timeoutMs)) === true;
}

/** True when binding `host:port` fails because the address is taken. */
async function bindTaken(port: number, host: string): Promise<boolean> {
  const { createServer } = await import("node:net");
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once("error", (error: NodeJS.ErrnoException) =>
      resolve(error.code === "EADDRINUSE" || error.code === "EACCES"),
    );
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(false)));
  });
}

/**
 * `bindTaken(port, "::")` without naming the host: Node's default bind is `::` (the same bind), falling
 * back to 0.0.0.0 when that fails; only then is `::` tried by name for its error. (A host string goes
 * through net.isIPv6, whose regex takes ~5 ms to compile.)
 */
async function bindTakenV6(port: number): Promise<boolean> {
  const { createServer } = await import("node:net");
  const onV6 = await new Promise<boolean>((resolve) => {
    const server = createServer();
    server.unref();
    server.once("error", () => resolve(false));
    server.listen({ port, exclusive: true }, () => {
      const family = (server.address() as { family?: string } | null)?.family;
      server.close(() => resolve(family === "IPv6"));
    });
  });
  return onV6 ? false : bindTaken(port, "::");
}

/**
 * True when something listens on `port`, over IPv4 or IPv6 (bind probes, then whether a connection
 * to either loopback would be answered: `listeningPorts`).
 */
export async function portInUse(port: number): Promise<boolean> {
  // The two binds run one after the other: at once they would collide with each other.
  if (await bindTaken(port, "0.0.0.0")) return true;
  if (await bindTakenV6(port)) return true;
  return (await listeningPorts([port])).has(port);
}

/** True when a dev server answers on `port` (IPv4 or IPv6 loopback). */
export async function portListening(port: number): Promise<boolean> {
  const [v4, v6] = await Promise.all([answers(port, "127.0.0.1"), answers(port, "::1")]);
  return v4 || v6;
}

/**
 * The local addresses (as /proc/net/tcp{,6} spells them, in this machine's byte order) of a
 * listener that a connection to 127.0.0.1 or ::1 reaches: any address, or loopback, of either
 * family (an IPv6 socket on `::` or `::ffff:…` takes IPv4 connections too).
 */
function loopbackAddresses(): Set<string> {
  const le = endianness() === "LE";
  const word = (hex: string) => (le ? hex.match(/../g)!.reverse().join("") : hex);
  const v6 = (words: string[]) => words.map(word).join("");
  return new Set([
    word("00000000"),
    word("7F000001"),
    v6(["00000000", "00000000", "00000000", "00000000"]),
    v6(["00000000", "00000000", "00000000", "00000001"]),
    v6(["00000000", "00000000", "0000FFFF", "00000000"]),
    v6(["00000000", "00000000", "0000FFFF", "7F000001"]),
  ]);
}

/** A file's text, or null when it cannot be read (node:fs's callback form: node:fs/promises costs ~5 ms to load). */
async function readOrNull(file: string): Promise<string | null> {
  const { readFile } = await import("node:fs");
  return new Promise((done) => readFile(file, "utf8", (error, text) => done(error ? null : text)));
}

/**
 * The ports in LISTEN state on a loopback-reachable address, from Linux's socket tables; null when
 * they cannot be read. Read off the main thread: the kernel takes milliseconds to list them.
 */
async function procListening(procNet: string): Promise<Set<number> | null> {
  const [v4, v6] = await Promise.all([readOrNull(`${procNet}/tcp`), readOrNull(`${procNet}/tcp6`)]);
  // No tcp6: no IPv6 on this machine, so nothing answers on ::1 either.
  if (v4 === null) return null;
  const reachable = loopbackAddresses();
  const out = new Set<number>();
  for (const line of `${v4}\n${v6 ?? ""}`.split("\n")) {
    // `  sl  local_address rem_address st …`: `0: 0100007F:1F90 00000000:0000 0A …` (0A: LISTEN).
    const fields = line.trim().split(/\s+/);
    if (fields[3] !== "0A") continue;
    const local = fields[1] ?? "";
    const colon = local.lastIndexOf(":");
    if (colon < 0 || !reachable.has(local.slice(0, colon).toUpperCase())) continue;
    out.add(parseInt(local.slice(colon + 1), 16));
  }
  return out;
}

/**
 * Which of `ports` have a dev server answering on IPv4 or IPv6 loopback (the answer of
 * `portListening` for each): on Linux from one read of the kernel's socket tables, with no
 * connection made; elsewhere (or when those tables cannot be read) by a connect probe per port.
 */
export async function listeningPorts(
  ports: readonly number[],
  options: { procNet?: string } = {},
): Promise<Set<number>> {
  const wanted = [...new Set(ports)];
  if (!wanted.length) return new Set();
  const known =
    process.platform === "linux" || options.procNet ? await procListening(options.procNet ?? "/proc/net") : null;
  if (known) return new Set(wanted.filter((p) => known.has(p)));
  const up = await Promise.all(wanted.map(portListening));
  return new Set(wanted.filter((_, i) => up[i]));
}
