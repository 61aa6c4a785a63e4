// Public API of the trust layer (re-exported by lib/index.ts).
export {};
