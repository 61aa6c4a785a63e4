// Public API of the specs layer (re-exported by lib/index.ts).
export {};
