import { fstatSync, statSync, writeSync, type Stats } from "node:fs";
import type { Writable } from "node:stream";

function stat(fd: number): Stats | undefined {
  try {
    return fstatSync(fd);
  } catch {
    return undefined;
  }
}

/**
 * Whether an output fd is a regular file or /dev/null: Node's own stream for it (SyncWriteStream)
 * is a `writeSync` per write and can never see EPIPE, but building it loads node:stream (~10 ms of
 * a short command's start, docs/performance.md).
 */
export function isPlainOutput(fd: number, s: Stats | undefined = stat(fd)): boolean {
  if (!s) return false;
  if (s.isFile()) return true;
  if (!s.isCharacterDevice() || process.platform === "win32") return false;
  try {
    return s.rdev === statSync("/dev/null").rdev;
  } catch {
    return false;
  }
}

const quiet = new WeakSet<NodeJS.WriteStream>();

/** Ends the process quietly on EPIPE: a reader that stops early (`wf-task monitor --json | head -1`) is not an error. */
function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  if (quiet.has(stream)) return; // once per stream, however many CLI runs a process makes
  quiet.add(stream);
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

/**
 * `process.stdout` (fd 1) or `process.stderr` (fd 2) as the CLI writes to them, Node's stream made
 * only when first used (then ending quietly on EPIPE): a command that writes nothing to stderr does
 * not build it. For a file or /dev/null, `write` is the `writeSync` Node's stream would do, and the
 * stream is made only if something else is asked of it.
 */
export function outputStream(fd: 1 | 2): Writable {
  const s = stat(fd);
  const plain = isPlainOutput(fd, s);
  let made: NodeJS.WriteStream | undefined;
  const real = () => {
    if (!made) {
      made = fd === 1 ? process.stdout : process.stderr;
      if (!plain) quietOnClosedPipe(made);
    }
    return made;
  };
  const direct = (chunk: string | Uint8Array, encoding?: unknown, callback?: unknown): boolean => {
    if (typeof chunk === "string")
      writeSync(fd, chunk, null, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
    else writeSync(fd, chunk);
    const done = typeof encoding === "function" ? encoding : callback;
    if (typeof done === "function") process.nextTick(done as () => void);
    return true;
  };
  // a pipe or a socket is never a terminal: known without loading node:tty
  const notTTY = plain || Boolean(s && (s.isFIFO() || s.isSocket() || s.isFile()));
  return new Proxy({} as Writable, {
    get(_, key) {
      if (key === "write" && plain) return direct;
      if (key === "isTTY" && notTTY) return false;
      const stream = real();
      const value = Reflect.get(stream, key);
      return typeof value === "function" ? value.bind(stream) : value;
    },
  });
}
