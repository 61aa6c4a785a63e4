// Types for @ericcornelissen/bash-parser (the package ships none): only what lib/trust/shell reads.
declare module "@ericcornelissen/bash-parser" {
  const parse: (source: string, options?: { mode?: "bash" | "posix"; insertLOC?: boolean }) => unknown;
  export default parse;
}
