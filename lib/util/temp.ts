import { closeSync, mkdtempSync, openSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Where temporary folders and files may go, in the order tried: `os.tmpdir()` (TMPDIR), then the
 * system's own folders, as Python's `tempfile` does. TMPDIR can point at a folder that is gone (a
 * per-session folder removed while a shell or tmux server kept the variable), a file, or a full or
 * read-only disk; git itself needs no temp folder, so a commit through the gate must not either.
 */
export function tempRoots(): string[] {
  const system = process.platform === "win32" ? [] : ["/tmp", "/var/tmp", "/usr/tmp"];
  return [...new Set([tmpdir(), ...system])];
}

/**
 * Tries `make` in each root in turn; the first that works gives the answer. When none does, the
 * first root's error is thrown (it names TMPDIR's path, which is what the user set).
 */
function inFirstRoot<T>(roots: readonly string[], make: (root: string) => T): T {
  let first: unknown;
  for (const root of roots) {
    try {
      return make(root);
    } catch (error) {
      if (!(error as NodeJS.ErrnoException).code) throw error;
      first ??= error;
    }
  }
  throw first;
}

/** `mkdtemp` of `<root>/<prefix>XXXXXX` in the first root that takes it (see tempRoots). */
export function makeTempDir(prefix: string, roots: readonly string[] = tempRoots()): string {
  return inFirstRoot(roots, (root) => mkdtempSync(join(root, prefix)));
}

/**
 * An open temporary file (`<prefix><pid>-<random>`, mode 0600), already unlinked: it goes when its
 * descriptor is closed, whatever happens to this process.
 */
export function openTempFile(prefix: string, roots: readonly string[] = tempRoots()): number {
  return inFirstRoot(roots, (root) => {
    const file = join(root, `${prefix}${process.pid}-${Math.random().toString(36).slice(2)}`);
    const fd = openSync(file, "wx+", 0o600);
    try {
      unlinkSync(file);
    } catch (error) {
      closeSync(fd);
      throw error;
    }
    return fd;
  });
}
