// Public API of the integrations layer (re-exported by lib/index.ts).
export {};
