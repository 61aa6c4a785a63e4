// Public API of the compound layer (re-exported by lib/index.ts).
export {};
