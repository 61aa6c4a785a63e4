import { WfError } from "../core/errors.ts";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { onPath, runLight as exec, runSync, type RunResult as ExecResult } from "../core/run.ts";
import { checkName } from "../core/names.ts";
import { connectOutcome } from "./port-probe.ts";

/** Which tmux server to talk to: the environment's (TMUX_TMPDIR, TMUX) or a named socket (`-L`). */
export interface TmuxTarget {
  env: Record<string, string | undefined>;
  /** `tmux -L <socket>`. */
  socket?: string;
}

/** One pane to open: its role, folder, exported variables and the command it runs (default: the shell). */
export interface PaneSpec {
  role: string;
  cwd?: string;
  env?: Record<string, string>;
  command?: string[];
}

/** A pane as tmux reports it. */
export interface PaneInfo {
  session: string;
  pane_id: string;
  role: string | null;
  title: string;
  dead: boolean;
  pid: number | null;
  current_command: string;
  /** Exit code of the agent command when it has ended (panes started by `wf-task parallel`). */
  agent_exit: number | null;
}

/** A session as tmux reports it. */
export interface SessionInfo {
  name: string;
  windows: number;
  attached: boolean;
  created: string;
}

const INSTALL_HINT =
  "install tmux: `sudo apt-get install tmux` (Debian/Ubuntu), `brew install tmux` (macOS), `sudo dnf install tmux` (Fedora)";

/** An argument as tmux must receive it: a trailing `;` would end the command, so it is escaped. */
export function tmuxArg(arg: string): string {
  return arg.endsWith(";") ? `${arg.slice(0, -1)}\\;` : arg;
}

/** Runs tmux (several commands joined by `;` when `commands` has more than one). Missing tmux → exit 3. */
export async function tmux(target: TmuxTarget, ...commands: string[][]): Promise<ExecResult> {
  const args: string[] = target.socket ? ["-L", target.socket] : [];
  commands.forEach((cmd, i) => {
    if (i > 0) args.push(";");
    args.push(...cmd.map(tmuxArg));
  });
  const r = await exec("tmux", args, { env: target.env });
  if (r.missing) throw tmuxMissing();
  return r;
}

const tmuxMissing = () => new WfError("E_PREREQ_TMUX", "tmux is not installed or not on PATH", { hint: INSTALL_HINT });

/**
 * The socket of the server tmux would talk to, found as tmux finds it: inside tmux without `-L`,
 * the one in `$TMUX`; else `<$TMUX_TMPDIR or /tmp>/tmux-<uid>/<socket or "default">`. Undefined
 * when that cannot be told here (no uid; a `$TMUX_TMPDIR` that does not exist, where tmux falls
 * back to /tmp).
 */
export function socketPath(target: TmuxTarget): string | undefined {
  const { env } = target;
  if (!target.socket && env.TMUX && !env.TMUX.startsWith(",")) return env.TMUX.split(",")[0];
  const uid = process.getuid?.();
  if (uid === undefined) return undefined;
  const dir = env.TMUX_TMPDIR || "/tmp";
  if (env.TMUX_TMPDIR && !existsSync(dir)) return undefined;
  return join(dir, `tmux-${uid}`, target.socket ?? "default");
}

async function tmuxOk(target: TmuxTarget, ...commands: string[][]): Promise<string> {
  const r = await tmux(target, ...commands);
  if (r.code !== 0) throw new WfError("E_TMUX", `tmux ${commands[0]![0]} failed: ${r.stderr.trim()}`);
  return r.stdout.replace(/\s+$/, "");
}

/** Checks that tmux can run; throws E_PREREQ_TMUX (exit 3) when it is missing. */
export async function requireTmux(target: TmuxTarget): Promise<string> {
  return (await tmuxOk(target, ["-V"])).trim();
}

const exact = (session: string) => `=${session}`;
const win = (session: string) => `=${session}:`;

/** Whether something may listen on a socket file: only a refused connection (a stale socket) or no file is no. */
async function serverAt(socket: string): Promise<boolean> {
  const outcome = await connectOutcome({ path: socket });
  return outcome !== "ECONNREFUSED" && outcome !== "ENOENT";
}

/** True when the session exists (exact name). */
export async function hasSession(target: TmuxTarget, session: string): Promise<boolean> {
  // No server on the socket (no socket file, or one left by a server that ended: it refuses), so
  // no session: answered without starting a tmux client, a process less before `parallel start`'s
  // first `git worktree add`. A tmux that is not on PATH is still an error.
  const socket = socketPath(target);
  if (socket !== undefined && !(existsSync(socket) && (await serverAt(socket)))) {
    if (!onPath("tmux", target.env)) throw tmuxMissing();
    return false;
  }
  return (await tmux(target, ["has-session", "-t", exact(session)])).code === 0;
}

function paneArgs(spec: PaneSpec): string[] {
  const args: string[] = [];
  if (spec.cwd) args.push("-c", spec.cwd);
  for (const [k, v] of Object.entries({ AGENT_ROLE: spec.role, ...spec.env })) args.push("-e", `${k}=${v}`);
  return args;
}

function labelPane(session: string, pane: string, role: string): string[][] {
  return [
    ["set-option", "-p", "-t", pane, "@wf_role", role],
    ["select-pane", "-t", pane, "-T", role],
  ];
}

/**
 * Creates a detached session with one pane per role (tiled, titled with the role, `@wf_role`
 * set), each in its folder with `AGENT_ROLE` and the given variables exported.
 */
export async function createSession(
  target: TmuxTarget,
  session: string,
  panes: PaneSpec[],
): Promise<{ session: string; panes: { role: string; pane_id: string }[] }> {
  checkSession(session, panes);
  if (await hasSession(target, session)) {
    throw new WfError("E_CHECK_SESSION_EXISTS", `tmux session ${session} already exists`, {
      hint: `kill it (\`wf-task tmux kill ${session}\`) or pick another name`,
    });
  }
  return newSession(target, session, panes);
}

/** A session's name and its panes' roles, before any of them reaches tmux. */
function checkSession(session: string, panes: PaneSpec[]): void {
  checkName("session", session);
  if (panes.length === 0)
    throw new WfError("E_USAGE", "a session needs at least one role", { hint: "e.g. --roles backend,frontend" });
  for (const p of panes) checkName("role", p.role);
}

/**
 * A held pane's command: it waits on the tmux channel `$1` (`wait-for`; a signal sent before the
 * wait still counts), then runs the pane's command. Never-signalled, it runs nothing.
 */
const GATE = 'tmux wait-for "$1" 2>/dev/null; shift; [ "$#" -gt 0 ] || set -- "${SHELL:-/bin/sh}"; exec "$@"';

/** The pane option naming a held pane's channel until `openGate` signals it. */
const GATE_OPTION = "@wf_start";

/**
 * `createSession` for a caller that has just seen that the session does not exist (one tmux call fewer).
 * With `gate`, the first pane's command waits until `openGate(target, gate, pane)`: the session (and
 * the tmux server) can be started before what the command needs is ready.
 */
export async function newSession(
  target: TmuxTarget,
  session: string,
  panes: PaneSpec[],
  options: { gate?: string } = {},
): Promise<{ session: string; panes: { role: string; pane_id: string }[] }> {
  checkSession(session, panes);
  const [first, ...rest] = panes;
  const command = options.gate
    ? ["sh", "-c", GATE, "sh", options.gate, ...(first!.command ?? [])]
    : (first!.command ?? []);
  // One tmux call: the session, its border options, and its first pane (the window's only one, `=session:`) labelled.
  const firstId = await tmuxOk(
    target,
    [
      "new-session",
      "-d",
      "-s",
      session,
      "-x",
      "200",
      "-y",
      "50",
      "-P",
      "-F",
      "#{pane_id}",
      ...paneArgs(first!),
      ...command,
    ],
    ["set-option", "-w", "-t", win(session), "pane-border-status", "top"],
    ["set-option", "-w", "-t", win(session), "pane-border-format", " #{@wf_role} "],
    ...labelPane(session, win(session), first!.role),
    ...(options.gate ? [["set-option", "-p", "-t", win(session), GATE_OPTION, options.gate]] : []),
  );
  const out = [{ role: first!.role, pane_id: firstId }];
  for (const spec of rest)
    out.push({ role: spec.role, pane_id: await addPane(target, session, spec, out.at(-1)!.pane_id) });
  return { session, panes: out };
}

/** Lets a held pane (`newSession`'s `gate`) run its command. */
export async function openGate(target: TmuxTarget, gate: string, pane: string): Promise<void> {
  await tmuxOk(target, ["set-option", "-p", "-u", "-t", pane, GATE_OPTION], ["wait-for", "-S", gate]);
}

/** Opens the gates of a session's panes still held (their start was cut short); returns how many. */
export async function openHeldPanes(target: TmuxTarget, session: string): Promise<number> {
  const r = await tmux(target, ["list-panes", "-s", "-t", exact(session), "-F", `#{pane_id}\t#{${GATE_OPTION}}`]);
  if (r.code !== 0) return 0;
  const held = r.stdout
    .split("\n")
    .map((line) => line.split("\t"))
    .filter(([id, gate]) => id && gate);
  for (const [id, gate] of held) await openGate(target, gate!, id!);
  return held.length;
}

/** Adds a pane for a role to an existing session (after pane `after`, default the last; tiled again), returning its id. */
export async function addPane(target: TmuxTarget, session: string, spec: PaneSpec, after?: string): Promise<string> {
  checkName("role", spec.role);
  const last = after ?? (await listPanes(target, session)).at(-1)?.pane_id ?? win(session);
  const id = await tmuxOk(target, [
    "split-window",
    "-d",
    "-t",
    last,
    "-P",
    "-F",
    "#{pane_id}",
    ...paneArgs(spec),
    ...(spec.command ?? []),
  ]);
  await tmuxOk(target, ["select-layout", "-t", win(session), "tiled"], ...labelPane(session, id, spec.role));
  return id;
}

const FORMAT = [
  "#{session_name}",
  "#{pane_id}",
  "#{@wf_role}",
  "#{pane_dead}",
  "#{pane_pid}",
  "#{pane_current_command}",
  "#{@wf_agent_exit}",
  "#{pane_title}",
].join("\t");

function parsePanes(text: string): PaneInfo[] {
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [session, pane_id, role, dead, pid, cmd, exit, ...title] = line.split("\t");
      return {
        session: session!,
        pane_id: pane_id!,
        role: role || null,
        title: title.join("\t"),
        dead: dead === "1",
        pid: pid ? Number(pid) : null,
        current_command: cmd ?? "",
        agent_exit: exit ? Number(exit) : null,
      };
    });
}

/** The panes of a session, or of every session when `session` is omitted; [] when no server runs. */
export async function listPanes(target: TmuxTarget, session?: string): Promise<PaneInfo[]> {
  const r = await tmux(
    target,
    session ? ["list-panes", "-s", "-t", exact(session), "-F", FORMAT] : ["list-panes", "-a", "-F", FORMAT],
  );
  return r.code === 0 ? parsePanes(r.stdout) : [];
}

/** The pane of `role` in `session`; E_USAGE_NO_PANE (exit 2) when there is none. */
export async function findPane(target: TmuxTarget, session: string, role: string): Promise<PaneInfo> {
  checkName("role", role);
  if (!(await hasSession(target, session))) {
    throw new WfError("E_USAGE_NO_SESSION", `no tmux session ${session}`, {
      hint: "list them with `wf-task tmux list`",
    });
  }
  const panes = await listPanes(target, session);
  const pane = panes.find((p) => p.role === role) ?? panes.find((p) => p.title === role);
  if (!pane) {
    throw new WfError("E_USAGE_NO_PANE", `no pane for role ${role} in ${session}`, {
      hint: `roles: ${panes.map((p) => p.role ?? p.title).join(", ")}`,
    });
  }
  return pane;
}

/** Types `text` into the role's pane literally (no key names, no shell), then Enter. */
export async function sendToPane(
  target: TmuxTarget,
  session: string,
  role: string,
  text: string,
  options: { enter?: boolean } = {},
): Promise<PaneInfo> {
  const pane = await findPane(target, session, role);
  const commands: string[][] = [];
  // Lines are typed one by one, each followed by Enter; send-keys -l never reads key names.
  const lines = text.split("\n");
  lines.forEach((line, i) => {
    if (line) commands.push(["send-keys", "-t", pane.pane_id, "-l", "--", line]);
    if (i < lines.length - 1 || options.enter !== false) commands.push(["send-keys", "-t", pane.pane_id, "Enter"]);
  });
  await tmuxOk(target, ...commands);
  return pane;
}

/** The last `lines` lines of the role's pane (trailing blank lines dropped). */
export async function capturePane(target: TmuxTarget, session: string, role: string, lines = 50): Promise<string> {
  const pane = await findPane(target, session, role);
  const text = await tmuxOk(target, ["capture-pane", "-p", "-J", "-t", pane.pane_id, "-S", `-${Math.max(lines, 1)}`]);
  const all = text.split("\n");
  while (all.length && all.at(-1)!.trim() === "") all.pop();
  return all.slice(-lines).join("\n");
}

/** Kills a session; false when there was none. */
export async function killSession(target: TmuxTarget, session: string): Promise<boolean> {
  return (await tmux(target, ["kill-session", "-t", exact(session)])).code === 0;
}

/** Every session of the server; [] when no server runs. */
export async function listSessions(target: TmuxTarget): Promise<SessionInfo[]> {
  const r = await tmux(target, [
    "list-sessions",
    "-F",
    "#{session_name}\t#{session_windows}\t#{session_attached}\t#{session_created}",
  ]);
  if (r.code !== 0) return [];
  return r.stdout
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [name, windows, attached, created] = line.split("\t");
      return {
        name: name!,
        windows: Number(windows),
        attached: Number(attached) > 0,
        created: new Date(Number(created) * 1000).toISOString(),
      };
    });
}

/** Attaches the terminal to a session (switches client when already inside tmux). Returns tmux's exit code. */
export function attachSession(target: TmuxTarget, session: string): number {
  const args = [
    ...(target.socket ? ["-L", target.socket] : []),
    target.env.TMUX ? "switch-client" : "attach-session",
    "-t",
    exact(session),
  ];
  const r = runSync("tmux", args, { inherit: true, env: target.env });
  if (r.missing) throw new WfError("E_PREREQ_TMUX", "tmux is not installed or not on PATH", { hint: INSTALL_HINT });
  return r.code === -1 ? 1 : r.code;
}

/**
 * The shell script an agent pane runs: the agent command (from `WF_AGENT_COMMAND`), a clear
 * message when it is not on PATH, its exit code recorded on the pane (`@wf_agent_exit`), then
 * an interactive shell so the pane stays open.
 */
export const AGENT_WRAPPER = [
  "set -f; set -- $WF_AGENT_COMMAND; set +f; first=${1:-}",
  'if [ -n "$first" ] && command -v -- "$first" >/dev/null 2>&1; then',
  '  eval "$WF_AGENT_COMMAND"; code=$?',
  '  printf "\\n[wf-task] the agent command exited with %s; this shell stays open\\n" "$code"',
  "else",
  "  code=127",
  '  printf "[wf-task] agent command not found on PATH: %s\\n[wf-task] install it, or set parallel.agentCommand / pass --agent-command\\n" "$first"',
  "fi",
  'tmux set-option -p -t "$TMUX_PANE" @wf_agent_exit "$code" 2>/dev/null',
  'exec "${SHELL:-/bin/sh}"',
].join("\n");
