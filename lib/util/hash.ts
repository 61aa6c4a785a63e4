import { createRequire } from "node:module";

// Loading node:crypto costs ~6 ms of a process's start (docs/performance.md, "Hooks through their
// entries"), more than all the hashing a hook does: what only needs a key or a unique name uses the
// functions below, and what needs a real digest loads node:crypto on first use.

let crypto: typeof import("node:crypto") | undefined;
let zlib: typeof import("node:zlib") | undefined;

/** node:crypto, loaded on first use. */
export function nodeCrypto(): typeof import("node:crypto") {
  return (crypto ??= createRequire(import.meta.url)("node:crypto") as typeof import("node:crypto"));
}

/** node:zlib (~22 built-in modules with the streams it brings), loaded on first use: the gate inflates objects only when files changed. */
export function nodeZlib(): typeof import("node:zlib") {
  return (zlib ??= createRequire(import.meta.url)("node:zlib") as typeof import("node:zlib"));
}

/**
 * A 96-bit non-cryptographic hash of the parts (24 hex digits): a cache key, never a check of
 * integrity. Three independent 32-bit multiply-xorshift lanes over the UTF-16 code units, each
 * part followed by a separator.
 */
export function fastHash(...parts: string[]): string {
  let a = 0x9e3779b9;
  let b = 0x85ebca6b;
  let c = 0xc2b2ae35;
  const feed = (u: number) => {
    a = Math.imul(a ^ u, 0x01000193);
    b = Math.imul(b ^ u, 0x5bd1e995);
    c = Math.imul(c ^ u, 0x27d4eb2d);
  };
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) feed(part.charCodeAt(i));
    feed(0x10000); // a separator no code unit equals
  }
  const mix = (h: number, s: number) => {
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b ^ s);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return (h >>> 0).toString(16).padStart(8, "0");
  };
  // Each lane's final value also takes in the others, so a collision needs all three to collide.
  return mix(a ^ Math.imul(b, 3), 1) + mix(b ^ Math.imul(c, 5), 2) + mix(c ^ Math.imul(a, 7), 3);
}

/** `bytes` random bytes as hex, for unique names and lock tokens (not secrets). */
export function randomHex(bytes: number): string {
  let out = "";
  for (let i = 0; i < bytes; i++) out += ((Math.random() * 256) | 0).toString(16).padStart(2, "0");
  return out;
}
