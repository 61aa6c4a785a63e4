// node:fs, not node:fs/promises: the latter costs ~3 ms to load, at every `context skeleton`
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import { WfError } from "../core/errors.ts";

/** True when the file's first 8 KB hold a NUL byte (how git tells binary files). */
export async function isBinary(file: string): Promise<boolean> {
  const fd = openSync(file, "r");
  try {
    const buffer = Buffer.alloc(8192);
    const bytesRead = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).includes(0);
  } finally {
    closeSync(fd);
  }
}

/**
 * The text files under the given paths (files as given; folders walked with .gitignore
 * respected, dot-folders and node_modules skipped), binaries left out, sorted, absolute.
 */
export async function listFiles(
  paths: string[],
  cwd: string,
  options: { filter?: (file: string) => boolean } = {},
): Promise<string[]> {
  const found = new Set<string>();
  for (const given of paths.length ? paths : ["."]) {
    const abs = isAbsolute(given) ? given : resolve(cwd, given);
    let info;
    try {
      info = statSync(abs, { throwIfNoEntry: false });
    } catch {
      info = undefined; // not a folder on the way (ENOTDIR), unreadable: as missing
    }
    if (!info)
      throw new WfError("E_USAGE_PATH", `no such file or folder: ${given}`, {
        hint: "give paths relative to the current folder",
        where: given,
      });
    if (info.isFile()) {
      found.add(abs);
      continue;
    }
    const { globby } = await import("globby");
    const entries = await globby("**/*", {
      cwd: abs,
      gitignore: true,
      absolute: true,
      dot: false,
      ignore: ["**/node_modules/**"],
      followSymbolicLinks: false,
    });
    for (const e of entries) if (!options.filter || options.filter(e)) found.add(e);
  }
  const out: string[] = [];
  for (const file of [...found].sort()) if (!(await isBinary(file))) out.push(file);
  return out;
}

/** A path shown to people: relative to `root` when inside it. */
export function displayPath(file: string, root: string): string {
  const rel = relative(root, file);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : file;
}
