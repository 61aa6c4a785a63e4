import { suite } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { ROOT } from "../_support/index.ts";
import { findCommand } from "../../lib/cli/registry.ts";
import { VERSION } from "../../lib/version.ts";

const plugin = suite("Claude Code plugin");
const dir = join(ROOT, "plugins/multi-agent-workflow");

plugin("plugin.json names the plugin with this package's version", () => {
  const manifest = JSON.parse(readFileSync(join(dir, ".claude-plugin/plugin.json"), "utf8"));
  assert.is(manifest.name, "multi-agent-workflow");
  assert.is(manifest.version, VERSION);
  assert.ok(manifest.description.length > 20);
});

/** Whether the command runs `wf-task <call>`: a `!` line (run on invocation) or an instruction "run `npx wf-task …`". */
const runsHere = (body: string, call: string) =>
  body
    .split("\n")
    .some(
      (l) =>
        (l.startsWith("!`") && l.includes(`npx wf-task ${call}`)) ||
        new RegExp(`\\brun \`npx wf-task ${call}\\b`, "i").test(l),
    );

const COMMANDS = ["parallel", "monitor", "interview", "validate", "progress", "trust", "tdd"];

for (const name of COMMANDS) {
  plugin(
    `/workflows:${name} has Claude Code frontmatter, names only real wf-task commands, and may run the ones it runs`,
    async () => {
      const text = readFileSync(join(dir, `commands/workflows/${name}.md`), "utf8");
      const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
      assert.ok(m, "frontmatter");
      const front = parse(m![1]!);
      for (const key of ["description", "argument-hint", "allowed-tools"]) assert.ok(front[key], key);
      const allowed = [...String(front["allowed-tools"]).matchAll(/Bash\(npx wf-task ([^:)]+):\*\)/g)].map(
        (a) => a[1]!,
      );
      const body = m![2]!;
      // `!` lines run when the command is invoked: those must be allowed. Others may be suggestions to the user.
      const calls = [...body.matchAll(/npx wf-task ([a-z][a-z-]*)(?: ([a-z][a-z-]*))?/g)].map(
        (c) => [c[1]!, c[2]] as const,
      );
      assert.ok(calls.length > 0);
      for (const [cmd, word] of calls) {
        const entry = findCommand(cmd);
        assert.ok(entry, `wf-task ${cmd} is not a command`);
        const def = (await entry!.load()).default;
        const sub = word && def.subCommands?.[word] ? word : undefined;
        if (word && def.subCommands && !def.run) assert.ok(sub, `wf-task ${cmd} has no subcommand ${word}`);
        const call = sub ? `${cmd} ${sub}` : cmd;
        const isAllowed = allowed.some((a) => call === a || call.startsWith(`${a} `));
        if (!isAllowed)
          assert.not.ok(
            runsHere(body, call),
            `allowed-tools does not allow wf-task ${call}, which the command runs (has: ${allowed.join(", ")})`,
          );
      }
    },
  );
}

plugin.run();
