// Public API of the context layer (re-exported by lib/index.ts).
export {};
