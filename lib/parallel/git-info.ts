import { appendFileSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** Adds `line` to `<commonDir>/info/<name>` (shared by every worktree) unless it is there. */
export function infoLine(commonDir: string, name: "exclude" | "attributes", line: string): void {
  const file = join(commonDir, "info", name);
  let text = "";
  try {
    text = readFileSync(file, "utf8");
  } catch {
    mkdirSync(dirname(file), { recursive: true });
  }
  if (text.split("\n").some((l) => l.trim() === line)) return;
  appendFileSync(file, `${text && !text.endsWith("\n") ? "\n" : ""}${line}\n`);
}
