// The types of bin/entry.mjs (plain JavaScript: bin/ runs before anything is built).
export function builtEntry(root: URL): URL | null;
export function builtWorker(root: URL, source: string): URL | null;
