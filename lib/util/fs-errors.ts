import { WfError } from "../core/errors.ts";

/** A Node system error (`fs`, `child_process`): it has an errno code and usually a path. */
export function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return (
    error instanceof Error &&
    typeof (error as NodeJS.ErrnoException).code === "string" &&
    /^E[A-Z0-9]+$/.test((error as NodeJS.ErrnoException).code!) &&
    typeof (error as NodeJS.ErrnoException).syscall === "string"
  );
}

interface Kind {
  what: string;
  hint: (path: string) => string;
}

const KINDS: Record<string, Kind> = {
  EACCES: {
    what: "permission denied",
    hint: (p) => `give your user write access to ${p} (or run where you may write)`,
  },
  EPERM: { what: "operation not permitted", hint: (p) => `check the permissions and attributes of ${p}` },
  EROFS: { what: "read-only file system", hint: (p) => `${p} is on a read-only file system; run where you may write` },
  ENOSPC: { what: "no space left on device", hint: () => "free disk space, then run again (nothing was half-written)" },
  EDQUOT: { what: "disk quota exceeded", hint: () => "free space within your quota, then run again" },
  EMFILE: { what: "too many open files", hint: () => "raise the open-file limit (ulimit -n) or run fewer processes" },
  EISDIR: { what: "is a folder, expected a file", hint: (p) => `remove or rename the folder ${p}` },
  ENOTDIR: {
    what: "a part of the path is a file, expected a folder",
    hint: (p) => `check the path ${p}: a file stands where a folder should`,
  },
  EEXIST: { what: "already exists", hint: (p) => `remove or rename ${p}, or choose another name` },
  ENOTEMPTY: { what: "folder is not empty", hint: (p) => `empty or remove ${p}` },
  ENOENT: { what: "no such file or folder", hint: (p) => `check that ${p} exists` },
  ELOOP: { what: "too many symbolic links", hint: (p) => `fix the symbolic link loop at ${p}` },
  ENAMETOOLONG: { what: "name too long", hint: () => "use a shorter path" },
  EBUSY: { what: "resource busy", hint: (p) => `close what holds ${p}, then run again` },
};

/**
 * Turns a file system error into the one-line WfError the CLI prints: `E_FS_<CODE>`, the path,
 * a hint, exit 2 (bad input: a folder where a file belongs, a name taken) or 3 (a missing
 * prerequisite: permission, space, a writable disk). Other errors pass through unchanged.
 */
export function fsError(error: unknown, path?: string): unknown {
  if (!isSystemError(error)) return error;
  const code = error.code!;
  const kind = KINDS[code];
  const where = path ?? error.path ?? (error as { dest?: string }).dest;
  if (!kind) {
    return new WfError(`E_FS_${code}`, `${error.syscall ?? "file operation"} failed: ${code}`, {
      where,
      cause: error,
      hint: "check the file system, then run again",
    });
  }
  if (code === "EEXIST" && error.syscall === "mkdir") {
    return new WfError("E_FS_EEXIST", "a file stands where a folder belongs (mkdir)", {
      where,
      cause: error,
      hint: `remove or rename the file ${where ?? ""}`.trim(),
    });
  }
  return new WfError(`E_FS_${code}`, `${kind.what} (${error.syscall})`, {
    where,
    cause: error,
    hint: kind.hint(where ?? "the path"),
  });
}
