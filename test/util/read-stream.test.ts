import { suite } from "uvu";
import * as assert from "uvu/assert";
import { PassThrough, Readable } from "node:stream";
import { readStream } from "../../lib/util/read-stream.ts";

const read = suite("readStream");

read("reads a stream to its end as UTF-8, split multi-byte characters included", async () => {
  const euro = Buffer.from("€");
  assert.is(
    await readStream(Readable.from([Buffer.from("a"), euro.subarray(0, 1), euro.subarray(1), Buffer.from("b")])),
    "a€b",
  );
});

read("keeps what arrived when the timeout passes on a stream nobody closes", async () => {
  const stream = new PassThrough();
  stream.write("partial");
  assert.is(await readStream(stream, { timeoutMs: 50 }), "partial");
});

read("refuses input over maxBytes with the caller's error", async () => {
  try {
    await readStream(Readable.from(["x".repeat(20)]), { maxBytes: 10, tooLarge: () => new Error("too big") });
    assert.unreachable();
  } catch (error) {
    assert.is((error as Error).message, "too big");
  }
});

read.run();
