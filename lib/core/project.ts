// The project a command works on: its root, resolved config, state paths, environment, and which
// checkout it is (the main one or a linked worktree). The one place that knows "where am I".
import { isAbsolute, relative, resolve, sep } from "node:path";
import { projectPaths, type ProjectPaths } from "../config/paths.ts";
import type { LoadedConfig } from "../config/types.ts";
import { checkoutAt, findTop, type Checkout } from "./checkout.ts";
import { WfError } from "./errors.ts";

export type Env = Record<string, string | undefined>;

/** How a project's config is read: the CLI's loader, or the one a standalone script injects. */
export type ConfigLoader = (cwd: string, env: Env) => Promise<LoadedConfig>;

export interface RelOptions {
  /** Refuse (E_USAGE_OUTSIDE_ROOT, exit 2) a path outside the project instead of returning it absolute. */
  inside?: boolean;
}

export interface Project extends LoadedConfig {
  /** The folder the command was asked from (`--cwd`). */
  cwd: string;
  env: Env;
  /** Every state path, derived from the config. */
  paths: ProjectPaths;
  /** The checkout the root is in, or null outside a git repository. */
  checkout: Checkout | null;
  /** The loader this project was read with (to open another folder with another environment). */
  load: ConfigLoader;
  /** The project of another folder, read with the same loader and environment (cached per folder). */
  at(dir: string): Promise<Project>;
  /** The project of the repository's main checkout: this one unless the root is a linked worktree. */
  mainCheckout(): Promise<Project>;
  /**
   * A path given by the user (relative to `cwd`, or absolute) as a path relative to the root, with `/`
   * separators ("." for the root itself). Outside the root: the absolute path, or an error with `inside`.
   */
  rel(path: string, options?: RelOptions): string;
}

const defaultLoader: ConfigLoader = async (cwd, env) => (await import("../config/load.ts")).loadConfig({ cwd, env });

/** Opens the project `cwd` belongs to. */
export function openProject(cwd: string, env: Env, load: ConfigLoader = defaultLoader): Promise<Project> {
  return projectOpener(env, load)(cwd);
}

/**
 * A function that opens the project of any folder with one loader and environment, each folder once: what
 * `ctx.project(dir)` and `Project.at(dir)` use, so hooks asked about another checkout read it the same way.
 */
export function projectOpener(env: Env, load: ConfigLoader = defaultLoader): (dir: string) => Promise<Project> {
  const cache = new Map<string, Promise<Project>>();
  const open = (dir: string): Promise<Project> => {
    const key = resolve(dir);
    let project = cache.get(key);
    if (!project) {
      project = load(key, env).then((loaded) => build(key, loaded));
      cache.set(key, project);
    }
    return project;
  };
  const build = (from: string, loaded: LoadedConfig): Project => {
    const top = findTop(loaded.root);
    const checkout = top ? checkoutAt(top) : null;
    const project: Project = {
      ...loaded,
      cwd: from,
      env,
      paths: projectPaths(loaded),
      checkout,
      load,
      at: open,
      mainCheckout: () => (checkout?.linked ? open(checkout.main) : Promise.resolve(project)),
      rel: (path, options) => relPath(loaded.root, from, path, options),
    };
    return project;
  };
  return open;
}

/** `path` (relative to `cwd`) relative to `root`; see Project.rel. */
export function relPath(root: string, cwd: string, path: string, options: RelOptions = {}): string {
  const absolute = resolve(cwd, path);
  const rel = relative(root, absolute);
  if (rel === "") return ".";
  if (rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    if (options.inside) {
      throw new WfError("E_USAGE_OUTSIDE_ROOT", `${path} is outside the project (${root})`, {
        hint: "give a path inside the project, or run from another project with --cwd",
      });
    }
    return absolute;
  }
  return sep === "/" ? rel : rel.split(sep).join("/");
}
