// Public API of the harness layer (re-exported by lib/index.ts).
export {};
