// comlink 4.4.2 has no exports map: under Node ESM its node adapter must be imported by its .mjs path,
// which TypeScript does not pair with the shipped node-adapter.d.ts (TS7016). This gives it those types.
declare module 'comlink/dist/esm/node-adapter.mjs' {
  export { default } from 'comlink/dist/esm/node-adapter';
  export type { NodeEndpoint } from 'comlink/dist/esm/node-adapter';
}
