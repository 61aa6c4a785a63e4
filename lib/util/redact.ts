/**
 * Secrets out of text wf-task prints or writes: token shapes, passwords in URLs, secret query
 * parameters, `--token <value>`-style arguments, and the values of the environment's secret
 * variables (`*_TOKEN`, `*_KEY`, `*_SECRET`, `*PASSWORD*`, …).
 */

/** Token shapes of common providers (GitHub, GitLab, Slack, AWS, npm, OpenAI/Anthropic, Google, JWT). */
export const TOKEN_SHAPES: RegExp[] = [
  /\bgh[pousr]_[A-Za-z0-9]{20,}\b/g,
  /\bgithub_pat_[A-Za-z0-9_]{20,}\b/g,
  /\bglpat-[A-Za-z0-9_-]{20,}\b/g,
  /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g,
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g,
  /\bnpm_[A-Za-z0-9]{30,}\b/g,
  /\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{20,}\b/g,
  /\bAIza[0-9A-Za-z_-]{35}\b/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/g,
];

/** Env var names whose values are secrets. */
export const SECRET_NAME =
  /(?:TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|CREDENTIALS?|API_?KEY|PRIVATE_KEY|ACCESS_KEY|_KEY)$|^(?:TOKEN|SECRET|PASSWORD|API_?KEY)/i;
/** Query parameters and `--flags` whose values are secrets. */
const SECRET_PARAM =
  "(?:access_token|refresh_token|id_token|token|api_key|apikey|api-key|key|secret|client_secret|password|passwd|pwd|auth|sig|signature)";
const QUERY = new RegExp(`([?&]${SECRET_PARAM}=)[^&#\\s"']+`, "gi");
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^:/?#@\s"']+:)[^@/\s"']+@/gi;
const FLAG =
  /(--?(?:token|password|passwd|secret|api-key|apikey|access-token|auth-token|key)(?:=|\s+))(?!\$\{)("[^"]*"|'[^']*'|[^\s"']+)/gi;
const BEARER = /\b(Bearer|Basic|token)\s+(?!\$\{)[A-Za-z0-9._~+/=-]{12,}/g;

const MASK = "***";

/** Values of the environment's secret variables (at least 6 characters, to spare `1` and `yes`). */
export function envSecrets(env: Record<string, string | undefined> = process.env): string[] {
  return Object.entries(env)
    .filter(([name, value]) => SECRET_NAME.test(name) && typeof value === "string" && value.length >= 6)
    .map(([, value]) => value!)
    .sort((a, b) => b.length - a.length);
}

/** The text with every secret it shows replaced by `***`. */
export function redact(text: string, env: Record<string, string | undefined> = process.env): string {
  let out = text;
  for (const secret of envSecrets(env)) out = out.split(secret).join(MASK);
  for (const shape of TOKEN_SHAPES) out = out.replace(shape, MASK);
  out = out.replace(URL_PASSWORD, `$1${MASK}@`);
  out = out.replace(QUERY, `$1${MASK}`);
  out = out.replace(FLAG, `$1${MASK}`);
  out = out.replace(BEARER, `$1 ${MASK}`);
  return out;
}

/** Whether a value has a token's shape. */
export function looksLikeToken(value: string): boolean {
  return TOKEN_SHAPES.some((shape) => new RegExp(shape.source).test(value));
}
