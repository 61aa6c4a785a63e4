import { pathToFileURL } from "node:url";
import { WfError } from "../core/errors.ts";
import { wfTaskAlias } from "./self-alias.ts";

/**
 * Options of the jiti instance that loads TypeScript configs and tasks; `alias` maps
 * `import "wf-task"` to the running package when the file's project has none (see self-alias.ts).
 */
export function jitiOptions(alias?: { map: Record<string, string> }): Record<string, unknown> {
  return { moduleCache: false, fsCache: true, interopDefault: false, ...(alias ? { alias: alias.map } : {}) };
}

/**
 * Imports a module by path. `.ts`/`.mts` files go through jiti under Node (loaded lazily, with
 * its transform cached on disk by content hash, and no module cache, so a changed file is
 * always read afresh) and through the runtime itself under Deno. When the file's project has no
 * wf-task of its own, jiti maps `import "wf-task"` to the running one (for .js/.mjs files too).
 */
export async function importModule(file: string): Promise<Record<string, unknown>> {
  const isTs = /\.[mc]?ts$/.test(file);
  const deno = "Deno" in globalThis;
  const alias = deno ? undefined : wfTaskAlias(file);
  if ((!isTs && !alias?.required) || deno) return import(pathToFileURL(file).href);
  let createJiti: typeof import("jiti").createJiti;
  try {
    ({ createJiti } = await import("jiti"));
  } catch (cause) {
    throw noLoader(file, cause);
  }
  const jiti = createJiti(import.meta.url, jitiOptions(alias));
  return (await jiti.import(file)) as Record<string, unknown>;
}

function noLoader(file: string, cause: unknown): WfError {
  return new WfError("E_PREREQ_TS_LOADER", `cannot load ${file}: no TypeScript loader available`, {
    hint: "install wf-task in this project (npm i -D wf-task), or use a .js/.mjs/.json/.yaml config",
    cause,
  });
}

/** What a config module evaluated to. */
export interface Evaluated {
  value: unknown;
  /** What the module exported: plain data, a function (called with `arg`) or a promise. */
  kind: "data" | "function" | "promise";
}

/** A module that failed to evaluate: its error as it crossed from the worker. */
export class ModuleError extends Error {
  constructor(
    message: string,
    readonly errorName: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }
}

/** A module that did not settle in time (a promise that never resolves, an endless loop). */
export class ModuleTimeout extends Error {
  constructor(
    readonly timeoutMs: number,
    readonly settledNever: boolean,
  ) {
    super(settledNever ? "its promise never settles" : `it did not finish within ${timeoutMs} ms`);
  }
}

// The worker: imports the module (through jiti for TypeScript), calls an exported function,
// awaits a promise, and posts the plain value back. Code as text so every build (package,
// standalone runtime) carries it without a file of its own.
const WORKER =
  `
(async () => {
  const { parentPort, workerData } = await import("node:worker_threads");
  const { pathToFileURL } = await import("node:url");
  const { file, jitiUrl, options, arg } = workerData;
  try {
    let mod;
    if (jitiUrl) {
      const { createJiti } = await import(jitiUrl);
      const jiti = createJiti(pathToFileURL(file).href, options);
      // The deadline counts from here: the config's own work, not the loader's start-up.
      parentPort.postMessage({ ready: true });
      mod = await jiti.import(file);
    } else {
      parentPort.postMessage({ ready: true });
      mod = await import(pathToFileURL(file).href);
    }
    let value = mod && typeof mod === "object" && "default" in mod ? mod.default : mod;
    const kind = typeof value === "function" ? "function" : value && typeof value.then === "function" ? "promise" : "data";
    if (typeof value === "function") value = await value(arg);
    value = await value;
    try {
      parentPort.postMessage({ ok: true, value, kind });
    } catch (error) {
      parentPort.postMessage({ ok: false, name: "DataCloneError", ` +
  `message: "the config holds values that are not data (" + String(error && error.message).split("\\n")[0] + ")" });
    }
  } catch (error) {
    const e = error || {};
    const loc = e.loc || {};
    parentPort.postMessage({ ok: false, name: String(e.name || "Error"), message: String(e.message || e), ` +
  `line: e.lineNumber || loc.line, column: e.columnNumber ?? loc.column });
  }
})();
`;

/** The deadline of a config load: env WF_CONFIG_TIMEOUT_MS, default 5 s. */
export function configTimeoutMs(env: Record<string, string | undefined> = process.env): number {
  const raw = Number(env.WF_CONFIG_TIMEOUT_MS);
  return Number.isFinite(raw) && raw > 0 ? raw : 5000;
}

/**
 * Evaluates a config module in a worker thread under a deadline: the module is imported, an
 * exported function called with `arg`, a promise awaited. A module that never settles or loops
 * is stopped (the worker terminated) and reported as ModuleTimeout; the value crosses back as
 * plain data. Under Deno (no jiti) the import runs in-process with the same deadline on
 * settling.
 */
export async function evaluateModule(
  file: string,
  arg: unknown,
  timeoutMs: number,
  env?: Record<string, string | undefined>,
): Promise<Evaluated> {
  const isTs = /\.[mc]?ts$/.test(file);
  if ("Deno" in globalThis) return evaluateInProcess(file, arg, timeoutMs);
  const alias = wfTaskAlias(file);
  let jitiUrl: string | undefined;
  if (isTs || alias?.required) {
    try {
      jitiUrl = import.meta.resolve("jiti");
    } catch (cause) {
      throw noLoader(file, cause);
    }
  }
  const { Worker } = await import("node:worker_threads");
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { file, jitiUrl, options: jitiOptions(alias), arg },
    // The module's process.env: the environment the config is loaded with (the cache keys on it too).
    ...(env ? { env: Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) } : {}),
    stdout: false,
    stderr: false,
  });
  return new Promise<Evaluated>((resolve, reject) => {
    let done = false;
    const finish = (fn: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      void worker.terminate();
      fn();
    };
    // Until the worker is up (thread + loader), a generous limit; then the config's own deadline.
    let timer = setTimeout(
      () => finish(() => reject(new ModuleTimeout(timeoutMs, false))),
      Math.max(timeoutMs * 4, 20_000),
    );
    worker.on(
      "message",
      (m: {
        ready?: boolean;
        ok: boolean;
        value?: unknown;
        kind?: Evaluated["kind"];
        name?: string;
        message?: string;
        line?: number;
        column?: number;
      }) => {
        if (m.ready) {
          clearTimeout(timer);
          timer = setTimeout(() => finish(() => reject(new ModuleTimeout(timeoutMs, false))), timeoutMs);
          return;
        }
        finish(() =>
          m.ok
            ? resolve({ value: m.value, kind: m.kind! })
            : reject(new ModuleError(m.message ?? "", m.name ?? "Error", m.line, m.column)),
        );
      },
    );
    worker.on("error", (error) => finish(() => reject(new ModuleError(error.message, error.name))));
    // The worker ran out of work without answering: the module's promise can never settle.
    worker.on("exit", (code) =>
      finish(() =>
        reject(
          code === 0
            ? new ModuleTimeout(timeoutMs, true)
            : new ModuleError(`the module ended its thread (exit ${code})`, "Error"),
        ),
      ),
    );
  });
}

async function evaluateInProcess(file: string, arg: unknown, timeoutMs: number): Promise<Evaluated> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ModuleTimeout(timeoutMs, false)), timeoutMs);
  });
  try {
    return await Promise.race([
      (async () => {
        const mod = await importModule(file);
        let value: unknown = "default" in mod ? mod.default : mod;
        const kind: Evaluated["kind"] =
          typeof value === "function" ? "function" : value instanceof Promise ? "promise" : "data";
        if (typeof value === "function") value = await (value as (a: unknown) => unknown)(arg);
        return { value: await value, kind };
      })(),
      deadline,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
