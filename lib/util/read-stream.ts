import type { Readable } from "node:stream";

export interface ReadStreamOptions {
  /** Stop reading after this long and keep what arrived (a hook must not hang on a stdin nobody closes). */
  timeoutMs?: number;
  /** Refuse input larger than this many bytes: `tooLarge()` is thrown. */
  maxBytes?: number;
  tooLarge?: () => Error;
}

/** Reads a stream (stdin, mostly) to its end as UTF-8 text. */
export async function readStream(stream: Readable, options: ReadStreamOptions = {}): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  await new Promise<void>((resolve, reject) => {
    const finish = (error?: Error) => {
      clearTimeout(timer);
      stream.off("data", onData).off("end", onEnd).off("error", onError);
      if (error) reject(error);
      else resolve();
    };
    const onData = (d: Buffer | string) => {
      const chunk = typeof d === "string" ? Buffer.from(d) : d;
      size += chunk.length;
      if (options.maxBytes !== undefined && size > options.maxBytes) {
        finish(options.tooLarge?.() ?? new Error(`input larger than ${options.maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish();
    const onError = (error: Error) => finish(error);
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(onEnd, options.timeoutMs);
    stream.on("data", onData).on("end", onEnd).on("error", onError);
  });
  (stream as { pause?: () => void }).pause?.();
  return Buffer.concat(chunks).toString("utf8");
}
