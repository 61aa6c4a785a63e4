import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, realpathSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineTask } from "../lib/index.ts";
import { scriptMap } from "../lib/cli/registry.ts";

export default defineTask({
  name: "build-scripts",
  description:
    "Build the standalone scripts' runtime, install them into a scratch repo and run each one's --help under node (and deno)",
  args: {
    deno: { type: "boolean", description: "Also run each script under deno", default: true },
  },
  async run(ctx) {
    const root = ctx.cwd;
    if (spawnSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: "inherit" }).status !== 0) return 1;
    const runtime = join(root, "dist/runtime");
    const files = readdirSync(runtime).filter((f) => f.endsWith(".mjs"));
    const bytes = files.reduce((n, f) => n + statSync(join(runtime, f)).size, 0);
    ctx.print(`runtime: ${files.length} files, ${(bytes / 1024).toFixed(0)} KiB (minified, every dependency bundled)`);
    const scratch = realpathSync(mkdtempSync(join(tmpdir(), "wf-scripts-")));
    const bare = realpathSync(mkdtempSync(join(tmpdir(), "wf-scripts-bare-")));
    try {
      spawnSync("git", ["init", "-q"], { cwd: scratch });
      const install = spawnSync(process.execPath, [join(root, "dist/cli.js"), "scripts", "install", "--quiet"], {
        cwd: scratch,
        stdio: "inherit",
      });
      if (install.status !== 0) return 1;
      cpSync(join(scratch, ".ai"), join(bare, ".ai"), { recursive: true });
      let failed = 0;
      for (const s of scriptMap()) {
        const script = join(bare, ".ai/workflow", `${s.path}.mjs`);
        const runs: [string, string[]][] = [[process.execPath, [script, "--help"]]];
        if (ctx.args.deno) runs.push([join(root, "node_modules/.bin/deno"), ["run", "-A", script, "--help"]]);
        const results = runs.map(([cmd, args]) => spawnSync(cmd, args, { cwd: bare, encoding: "utf8" }).status);
        const ok = results.every((code) => code === 0);
        if (!ok) failed++;
        ctx.print(`${ok ? "✓" : "✗"} ${s.path}.mjs  (wf-task ${s.argv.join(" ")})`);
      }
      ctx.print(
        failed ? `${failed} script(s) failed` : `all ${scriptMap().length} scripts answer --help with no node_modules`,
      );
      return failed ? 1 : 0;
    } finally {
      rmSync(scratch, { recursive: true, force: true });
      rmSync(bare, { recursive: true, force: true });
    }
  },
});
