// Public API of the parallel layer (re-exported by lib/index.ts).
export {};
