/** The bundled scenarios, as text built into the page: a static site needs no server to open them. */
const texts = import.meta.glob('../scenarios/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export interface Bundled {
  /** "vmdr-student" */
  id: string;
  /** "scenarios/vmdr-student.yaml", as the CLI names it */
  file: string;
  text: string;
}

export const BUNDLED: Bundled[] = Object.entries(texts)
  .map(([path, text]) => {
    const base = path.split('/').pop()!;
    return { id: base.replace(/\.yaml$/, ''), file: `scenarios/${base}`, text };
  })
  .sort((a, b) => a.id.localeCompare(b.id));
