import { createConnection, createServer } from "node:net";

/** True when a TCP listener answers on `host:port` (connect succeeds within `timeoutMs`). */
export function answers(port: number, host: string, timeoutMs = 250): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host });
    const done = (value: boolean) => {
      socket.destroy();
      resolve(value);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** True when binding `host:port` fails because the address is taken. */
function bindTaken(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once("error", (error: NodeJS.ErrnoException) =>
      resolve(error.code === "EADDRINUSE" || error.code === "EACCES"),
    );
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(false)));
  });
}

/** True when something listens on `port`, over IPv4 or IPv6 (connect and bind probes). */
export async function portInUse(port: number): Promise<boolean> {
  // The two binds run one after the other: at once they would collide with each other.
  if (await bindTaken(port, "0.0.0.0")) return true;
  if (await bindTaken(port, "::")) return true;
  const [v4, v6] = await Promise.all([answers(port, "127.0.0.1"), answers(port, "::1")]);
  return v4 || v6;
}

/** True when a dev server answers on `port` (IPv4 or IPv6 loopback). */
export async function portListening(port: number): Promise<boolean> {
  const [v4, v6] = await Promise.all([answers(port, "127.0.0.1"), answers(port, "::1")]);
  return v4 || v6;
}
