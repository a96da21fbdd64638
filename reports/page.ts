/**
 * The frame every HTML report shares: one self-contained file. CSS, the d3
 * bundle, the drawing code and the data are all inlined, so the page opens
 * from a mail attachment or an air-gapped share and never touches the network.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fromRoot } from '../sim/foundation/root.ts';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** For text and attribute values alike. */
export function escapeHtml(s: unknown): string {
  return String(s).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

const SCRIPT_ESCAPES: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/**
 * JSON that can sit inside a <script> element: with no `<` left, no string
 * (say a scenario named `</script><script>alert(1)`) can end the element or
 * open a comment, and JSON.parse reads the \u escapes back as the same text.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => SCRIPT_ESCAPES[c]);
}

/** Code we inline verbatim must not be able to end its own <script> element early. */
export function checkInlineScript(name: string, code: string): string {
  if (/<\/script|<!--|<script/i.test(code)) throw new Error(`${name} contains a <script or <!-- sequence and cannot be inlined`);
  return code;
}

const cache = new Map<string, string>();
function cached(key: string, load: () => string): string {
  let v = cache.get(key);
  if (v === undefined) cache.set(key, (v = load()));
  return v;
}

/**
 * The project's own d3 bundle. d3's exports map hides dist/d3.min.js from
 * resolution, so find the package's entry and take the UMD build beside it.
 */
export function d3Source(): string {
  return cached('d3', () => {
    const path = join(dirname(createRequire(import.meta.url).resolve('d3')), 'd3.min.js');
    return checkInlineScript('d3.min.js', readFileSync(path, 'utf8'));
  });
}

/** A file of the in-page code under reports/client/. */
export function clientAsset(name: string): string {
  return cached(`client/${name}`, () => {
    const text = readFileSync(fromRoot(`reports/client/${name}`), 'utf8');
    return name.endsWith('.js') ? checkInlineScript(name, text) : text;
  });
}

export interface PageSpec {
  title: string;
  /** already-escaped HTML */
  body: string;
  /** embedded as <script type="application/json" id="report-data"> */
  data: unknown;
  /** client files drawing this page, after common.js */
  scripts: string[];
}

export function renderPage(spec: PageSpec): string {
  const css = clientAsset('report.css');
  if (/<\/style/i.test(css)) throw new Error('report.css cannot contain </style');
  const scripts = ['common.js', ...spec.scripts].map((s) => `<script>\n${clientAsset(s)}\n</script>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(spec.title)}</title>
<link rel="icon" href="data:,">
<style>
${css}
</style>
</head>
<body>
<main>
${spec.body}
</main>
<script type="application/json" id="report-data">${jsonForScript(spec.data)}</script>
<script>
${d3Source()}
</script>
${scripts}
</body>
</html>
`;
}

export interface HeadCell {
  label: string;
  /** right-aligned, tabular figures */
  num?: boolean;
}
/** Already-escaped HTML, optionally with a class for the cell (e.g. pass or fail). */
export type BodyCell = string | { html: string; cls: string };

export function htmlTable(head: readonly HeadCell[], rows: readonly BodyCell[][], cls = ''): string {
  // A long name (a setting's path, a metric) may break after its dots and underscores rather than widen its column.
  const th = head.map((h) => `<th scope="col"${h.num ? ' class="num"' : ''}>${escapeHtml(h.label).replace(/([._])/g, '$1<wbr>')}</th>`).join('');
  const td = (c: BodyCell, i: number): string => {
    const classes = [head[i]?.num ? 'num' : '', typeof c === 'string' ? '' : c.cls].filter(Boolean).join(' ');
    return `<td${classes ? ` class="${escapeHtml(classes)}"` : ''}>${typeof c === 'string' ? c : c.html}</td>`;
  };
  const tr = rows.map((r) => `<tr>${r.map(td).join('')}</tr>`).join('\n');
  return `<table${cls ? ` class="${escapeHtml(cls)}"` : ''}><thead><tr>${th}</tr></thead>\n<tbody>\n${tr}\n</tbody></table>`;
}
