/**
 * zx's `$` for recipes and user tasks, bound to the command's folder and environment, quiet,
 * and loaded on first use (zx costs ~60 ms to import; commands that never run a shell step
 * never pay it). Interpolated values are quoted by zx, never pasted into the shell text.
 */

/** What a shell step returns: zx's ProcessOutput, as far as recipes use it. */
export interface ShellOutput {
  stdout: string;
  stderr: string;
  exitCode: number | null;
}

/** A tagged template that runs one shell step: ``await $`git branch --show-current` ``. */
export type ShellTag = (pieces: TemplateStringsArray, ...values: unknown[]) => Promise<ShellOutput>;

export interface Shell extends ShellTag {
  /** The same, but a non-zero exit is returned instead of thrown. */
  nothrow: ShellTag;
}

/** The `$` of a command run in `cwd` with `env`. */
export function shellFor(cwd: string, env: Record<string, string | undefined>): Shell {
  const tag =
    (nothrow: boolean): ShellTag =>
    async (pieces, ...values) => {
      const { $ } = await import("zx");
      const bound = $({ cwd, env: env as NodeJS.ProcessEnv, quiet: true, nothrow, verbose: false });
      return bound(pieces, ...values);
    };
  return Object.assign(tag(false), { nothrow: tag(true) });
}

/** `s` as one word of POSIX shell text, in single quotes (for command lines git or a hook runs). */
export const shQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
