// Public API of the enforcement layer (re-exported by lib/index.ts).
export {};
