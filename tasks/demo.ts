import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { defineTask } from "../lib/index.ts";
import type { DemoContext, DemoStep } from "./demo/_context.ts";

export default defineTask({
  name: "demo",
  description: "Build, then run wf-task's main job end to end in a scratch git repo (tasks/demo/*.ts in order)",
  args: {
    keep: { type: "boolean", description: "Keep the scratch repo and print its path" },
    only: { type: "string", description: "Run only steps whose file name contains this", valueHint: "text" },
  },
  async run(ctx) {
    const root = ctx.cwd;
    const build = spawnSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: "inherit" });
    if (build.status !== 0) return 1;
    const cli = join(root, "dist/cli.js");
    const dir = realpathSync(mkdtempSync(join(tmpdir(), "wf-demo-")));
    const tmuxDir = realpathSync(mkdtempSync(join(tmpdir(), "wf-demo-tmux-")));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      TMUX_TMPDIR: tmuxDir,
      GIT_AUTHOR_NAME: "Demo",
      GIT_AUTHOR_EMAIL: "demo@example.com",
      GIT_COMMITTER_NAME: "Demo",
      GIT_COMMITTER_EMAIL: "demo@example.com",
    };
    delete env.TMUX;
    const say = (text: string) => ctx.print(text, true);
    const sh = (command: string, args: string[], opts: { echo?: boolean; input?: string } = {}) => {
      if (opts.echo !== false)
        say(`\n$ ${[command, ...args].map((a) => (/[^\w./:=@-]/.test(a) ? JSON.stringify(a) : a)).join(" ")}`);
      const r = spawnSync(command, args, { cwd: dir, env, encoding: "utf8", input: opts.input });
      const out = `${r.stdout ?? ""}${r.stderr ?? ""}`.trimEnd();
      if (opts.echo !== false && out) say(out);
      return { code: r.status ?? -1, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
    };
    const demo: DemoContext = {
      dir,
      cli,
      env,
      say,
      heading: (text) => say(`\n━━ ${text} ━━`),
      sh,
      wf: (args, opts) => {
        say(`\n$ wf-task ${args.map((a) => (/[^\w./:=@,-]/.test(a) ? JSON.stringify(a) : a)).join(" ")}`);
        const r = spawnSync(process.execPath, [cli, ...args], {
          cwd: dir,
          env: { ...env, NO_COLOR: "1" },
          encoding: "utf8",
          input: opts?.input,
        });
        const out = `${r.stdout ?? ""}${r.stderr ?? ""}`.trimEnd();
        if (out) say(out);
        const code = r.status ?? -1;
        if (opts?.expect !== undefined && code !== opts.expect)
          throw new Error(`expected exit ${opts.expect}, got ${code}`);
        return { code, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
      },
    };
    sh("git", ["init", "-q", "-b", "main"], { echo: false });
    writeFileSync(join(dir, "README.md"), "# shop — a demo project\n");
    // wf-task as the project has it after `npm i -D wf-task`: hooks call `npx --no-install wf-task`.
    writeFileSync(join(dir, ".gitignore"), "node_modules/\n");
    mkdirSync(join(dir, "node_modules/.bin"), { recursive: true });
    symlinkSync(root, join(dir, "node_modules/wf-task"), "dir");
    symlinkSync("../wf-task/dist/cli.js", join(dir, "node_modules/.bin/wf-task"));
    sh("git", ["add", "-A"], { echo: false });
    sh("git", ["commit", "-q", "-m", "initial"], { echo: false });
    say(`wf-task demo in a scratch repo: ${dir}`);
    const stepsDir = resolve(root, "tasks/demo");
    const steps = readdirSync(stepsDir)
      .filter((f) => /^\d+.*\.ts$/.test(f))
      .sort();
    let failed = 0;
    try {
      for (const file of steps) {
        if (ctx.args.only && !file.includes(ctx.args.only)) continue;
        const step = (await import(pathToFileURL(join(stepsDir, file)).href)).default as DemoStep;
        try {
          await step(demo);
        } catch (error) {
          failed++;
          say(`\n✗ demo step ${file} failed: ${(error as Error).message}`);
        }
      }
    } finally {
      spawnSync("tmux", ["kill-server"], { env, stdio: "ignore" });
      if (ctx.args.keep) say(`\nscratch repo kept: ${dir}`);
      else rmSync(dir, { recursive: true, force: true });
      rmSync(tmuxDir, { recursive: true, force: true });
    }
    say(failed ? `\ndemo finished with ${failed} failed step(s)` : "\ndemo finished: every step ran");
    return failed ? 1 : 0;
  },
});
