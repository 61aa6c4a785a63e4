import { existsSync, readFileSync } from "node:fs";
import * as v from "valibot";
import { WfError } from "../core/errors.ts";
import { atomicWriteSync } from "../util/atomic-write.ts";
import { fsError } from "../util/fs-errors.ts";
import { withLock } from "../util/lock.ts";
import { checkName } from "../core/names.ts";
import { portInUse } from "./port-probe.ts";
import type { ParallelProject } from "./project.ts";
import { excludeState } from "./git-info.ts";

/** One role's port. */
export const PortAllocation = v.object({
  port: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(65535)),
  /** The role's worktree when the port was handed out; when it disappears the port is reclaimed. */
  worktree: v.optional(v.nullable(v.string()), null),
  allocated: v.optional(v.string(), ""),
});
export type PortAllocation = v.InferOutput<typeof PortAllocation>;

/** `.ai/project/sessions/port_allocations.json`. */
export const PortsFile = v.object({
  version: v.optional(v.literal(1), 1),
  allocations: v.record(v.string(), PortAllocation),
});
export type PortsFile = v.InferOutput<typeof PortsFile>;

/** Result of `allocatePort`. */
export interface AllocateResult {
  role: string;
  port: number;
  /** False when the role already held this port. */
  fresh: boolean;
  /** Roles whose allocations were reclaimed (their worktree is gone). */
  reclaimed: string[];
}

/**
 * Role names are user input: `constructor`, `toString`, `valueOf` are valid roles. Allocations
 * are kept in a Map while worked on, and handed out as an object without a prototype, so no
 * role ever finds an inherited property.
 */
function allocationsMap(state: PortsFile): Map<string, PortAllocation> {
  return new Map(Object.entries(state.allocations));
}

function asRecord(map: Map<string, PortAllocation>): Record<string, PortAllocation> {
  const out = Object.create(null) as Record<string, PortAllocation>;
  for (const [role, a] of map) out[role] = a;
  return out;
}

/** Reads the ports file; a missing file is empty, a corrupt one an E_STATE error (never overwritten). */
export function readPorts(project: ParallelProject): PortsFile {
  const file = project.paths.portsFile;
  if (!existsSync(file)) return { version: 1, allocations: Object.create(null) };
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw fsError(error, file);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new WfError("E_STATE_CORRUPT", `cannot parse ${file}: ${(cause as Error).message}`, {
      cause,
      hint: "fix or remove the file; wf-task will not overwrite it",
    });
  }
  // The plan's flat shape {"backend": 3001} is read as well.
  if (data && typeof data === "object" && !Array.isArray(data) && !("allocations" in data)) {
    data = { allocations: Object.fromEntries(Object.entries(data).map(([role, port]) => [role, { port }])) };
  }
  const parsed = v.safeParse(PortsFile, data);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    throw new WfError("E_STATE_CORRUPT", `unexpected content in ${file}: ${issue.message}`, {
      where: v.getDotPath(issue) ?? undefined,
      hint: "fix or remove the file; wf-task will not overwrite it",
    });
  }
  // valibot's record drops keys such as `constructor` (a valid role): each entry is checked on its own instead.
  const map = new Map<string, PortAllocation>();
  for (const [role, raw] of Object.entries((data as { allocations: Record<string, unknown> }).allocations)) {
    const entry = v.safeParse(PortAllocation, raw);
    if (!entry.success) {
      throw new WfError("E_STATE_CORRUPT", `unexpected content in ${file}: ${entry.issues[0].message}`, {
        where: `allocations.${role}`,
        hint: "fix or remove the file; wf-task will not overwrite it",
      });
    }
    map.set(role, entry.output);
  }
  return { version: parsed.output.version, allocations: asRecord(map) };
}

function writePorts(project: ParallelProject, version: PortsFile["version"], map: Map<string, PortAllocation>): void {
  const allocations: Record<string, PortAllocation> = {};
  for (const [role, a] of map)
    Object.defineProperty(allocations, role, { value: a, enumerable: true, writable: true, configurable: true });
  excludeState(project.root, project.paths.portsFile);
  atomicWriteSync(project.paths.portsFile, `${JSON.stringify({ version, allocations }, null, 2)}\n`);
}

/** Drops allocations whose recorded worktree no longer exists; returns the roles dropped. */
function reclaim(map: Map<string, PortAllocation>): string[] {
  const dropped: string[] = [];
  for (const [role, a] of map) {
    if (a.worktree && !existsSync(a.worktree)) {
      map.delete(role);
      dropped.push(role);
    }
  }
  return dropped;
}

/**
 * Hands `role` a port: its own again if it has one, else the first port of the range that no
 * role holds and nothing listens on (IPv4 or IPv6). Range exhausted → E_CHECK_PORTS (exit 1)
 * listing the holders.
 */
export async function allocatePort(
  project: ParallelProject,
  role: string,
  options: { worktree?: string | null } = {},
): Promise<AllocateResult> {
  checkName("role", role);
  const { start, end } = project.config.parallel.portRange;
  return withLock(project.paths.portsFile, async () => {
    const state = readPorts(project);
    const map = allocationsMap(state);
    const reclaimed = reclaim(map);
    const own = map.get(role);
    if (own) {
      let changed = reclaimed.length > 0;
      if (options.worktree && own.worktree !== options.worktree) {
        own.worktree = options.worktree;
        changed = true;
      }
      if (changed) writePorts(project, state.version, map);
      return { role, port: own.port, fresh: false, reclaimed };
    }
    const held = new Map([...map].map(([r, a]) => [a.port, r]));
    const busy: number[] = [];
    for (let port = start; port <= end; port++) {
      if (held.has(port)) continue;
      if (await portInUse(port)) {
        busy.push(port);
        continue;
      }
      map.set(role, { port, worktree: options.worktree ?? null, allocated: new Date().toISOString() });
      writePorts(project, state.version, map);
      return { role, port, fresh: true, reclaimed };
    }
    if (reclaimed.length) writePorts(project, state.version, map);
    const holders = [...held].sort((a, b) => a[0] - b[0]).map(([port, r]) => `${port}: ${r}`);
    throw new WfError("E_CHECK_PORTS", `no free port in ${start}–${end} for ${role}`, {
      details: [...holders, ...busy.map((p) => `${p}: in use by another process`)],
      hint: "release a port (`wf-task ports release <role>`) or widen parallel.portRange (PORT_RANGE_START/END)",
    });
  });
}

/** Frees a role's port; returns the port it held, or null. */
export async function releasePort(project: ParallelProject, role: string): Promise<number | null> {
  checkName("role", role);
  if (!existsSync(project.paths.portsFile)) return null;
  return withLock(project.paths.portsFile, () => {
    const state = readPorts(project);
    const map = allocationsMap(state);
    const own = map.get(role);
    if (!own) return null;
    map.delete(role);
    writePorts(project, state.version, map);
    return own.port;
  });
}

/** Frees every allocation (the original's `port_release_all`); returns what was held, `{ role: port }`. */
export async function releaseAllPorts(project: ParallelProject): Promise<Record<string, number>> {
  if (!existsSync(project.paths.portsFile)) return {};
  return withLock(project.paths.portsFile, () => {
    const state = readPorts(project);
    const map = allocationsMap(state);
    const released: Record<string, number> = {};
    for (const [role, a] of [...map].sort((x, y) => x[1].port - y[1].port))
      Object.defineProperty(released, role, { value: a.port, enumerable: true, writable: true, configurable: true });
    if (map.size) writePorts(project, state.version, new Map());
    return released;
  });
}

/** The port a role holds, or null. */
export function getPort(project: ParallelProject, role: string): number | null {
  checkName("role", role);
  return allocationsMap(readPorts(project)).get(role)?.port ?? null;
}

/** Every allocation as `{ role: port }` (the bash workflow's shape). */
export function listPorts(project: ParallelProject): Record<string, number> {
  const sorted = [...allocationsMap(readPorts(project))].sort((a, b) => a[1].port - b[1].port);
  // A plain object (callers compare and print it); each role an own property, `constructor` included.
  const out: Record<string, number> = {};
  for (const [r, a] of sorted)
    Object.defineProperty(out, r, { value: a.port, enumerable: true, writable: true, configurable: true });
  return out;
}
