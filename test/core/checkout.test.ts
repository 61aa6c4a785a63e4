import { suite } from "uvu";
import * as assert from "uvu/assert";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { git, gitRepo, tempDir } from "../_support/index.ts";
import { checkoutAt, findTop, mainCheckout } from "../../lib/core/checkout.ts";

const checkout = suite("which checkout am I in");

checkout("the main checkout is its own main; a linked worktree names the main checkout and its git folders", () => {
  const repo = gitRepo();
  const wt = join(tempDir("wf-wt-"), "agent");
  git(repo, "worktree", "add", "-q", "-b", "agent", wt);
  assert.equal(checkoutAt(repo), {
    top: repo,
    main: repo,
    linked: false,
    commonDir: join(repo, ".git"),
    gitDir: join(repo, ".git"),
  });
  assert.equal(checkoutAt(wt), {
    top: wt,
    main: repo,
    linked: true,
    commonDir: join(repo, ".git"),
    gitDir: join(repo, ".git/worktrees/agent"),
  });
});

checkout("finds the top from a subfolder, and the main checkout from inside a worktree's subfolder", () => {
  const repo = gitRepo();
  const wt = join(tempDir("wf-wt-"), "agent");
  git(repo, "worktree", "add", "-q", "-b", "agent", wt);
  mkdirSync(join(wt, "src/deep"), { recursive: true });
  assert.is(findTop(join(wt, "src/deep")), wt);
  assert.is(mainCheckout(join(wt, "src/deep")), repo);
});

checkout("outside a repository the folder is its own checkout, with no git folders", () => {
  const dir = tempDir();
  assert.is(findTop(dir), null);
  assert.is(mainCheckout(dir), dir);
  assert.equal(checkoutAt(dir), { top: dir, main: dir, linked: false, commonDir: null, gitDir: null });
});

checkout.run();
