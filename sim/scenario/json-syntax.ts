/**
 * What JSON.parse does not say well about a JSON scenario: where it breaks
 * (V8's "Unexpected token" gives no position and quotes the text with its raw
 * newlines) and which key it repeats (JSON.parse keeps the last silently,
 * where YAML refuses). One pass over the text, run before JSON.parse; the
 * caller bounds the nesting first, so the recursion here is shallow.
 */

export interface JsonFault {
  /** offset in the text of the character at fault */
  offset: number;
  message: string;
}

/** The first syntax error or repeated key of a JSON text, or undefined if it has none. */
export function jsonFault(text: string): JsonFault | undefined {
  const r = new Reader(text);
  try {
    r.space();
    r.value();
    r.space();
    if (r.i < text.length) r.fail(`unexpected ${r.found()} after the end of the document`);
    return undefined;
  } catch (e) {
    if (e instanceof Fault) return { offset: e.offset, message: e.message };
    throw e;
  }
}

class Fault extends Error {
  constructor(message: string, readonly offset: number) { super(message); }
}

const WORDS = ['true', 'false', 'null'];
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

class Reader {
  i = 0;
  constructor(readonly src: string) {}

  fail(message: string, at = this.i): never {
    throw new Fault(message, at);
  }

  /** The character at the cursor, quoted for a message. */
  found(): string {
    if (this.i >= this.src.length) return 'end of file';
    const c = this.src[this.i];
    return c === '\n' ? 'line break' : JSON.stringify(c);
  }

  space(): void {
    const t = this.src;
    while (this.i < t.length && (t[this.i] === ' ' || t[this.i] === '\n' || t[this.i] === '\r' || t[this.i] === '\t')) this.i++;
  }

  value(): void {
    const c = this.src[this.i];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') { this.string(); return; }
    for (const w of WORDS) if (this.src.startsWith(w, this.i)) { this.i += w.length; return; }
    NUMBER.lastIndex = this.i;
    if (NUMBER.test(this.src)) { this.i = NUMBER.lastIndex; return; }
    this.fail(`expected a value (a string, number, object, list, true, false or null), found ${this.found()}`);
  }

  object(): void {
    const keys = new Set<string>();
    this.i++;
    this.space();
    if (this.src[this.i] === '}') { this.i++; return; }
    for (;;) {
      if (this.src[this.i] !== '"') this.fail(`expected a field name in double quotes, found ${this.found()}`);
      const at = this.i;
      const key = this.string();
      if (keys.has(key)) this.fail(`the field ${JSON.stringify(key)} is given twice in the same object`, at);
      keys.add(key);
      this.space();
      if (this.src[this.i] !== ':') this.fail(`expected ':' after the field name, found ${this.found()}`);
      this.i++;
      this.space();
      this.value();
      this.space();
      const c = this.src[this.i];
      if (c === '}') { this.i++; return; }
      if (c !== ',') this.fail(`expected ',' or '}' after a field's value, found ${this.found()}`);
      this.i++;
      this.space();
      if (this.src[this.i] === '}') this.fail('a trailing comma before \'}\' (JSON allows none)');
    }
  }

  array(): void {
    this.i++;
    this.space();
    if (this.src[this.i] === ']') { this.i++; return; }
    for (;;) {
      this.value();
      this.space();
      const c = this.src[this.i];
      if (c === ']') { this.i++; return; }
      if (c !== ',') this.fail(`expected ',' or ']' after a list item, found ${this.found()}`);
      this.i++;
      this.space();
      if (this.src[this.i] === ']') this.fail('a trailing comma before \']\' (JSON allows none)');
    }
  }

  /** A string token, decoded (so "a" and "\u0061" are the same key). */
  string(): string {
    const t = this.src;
    const start = this.i++;
    let escaped = false;
    for (;;) {
      if (this.i >= t.length) this.fail('a string that is never closed', start);
      const c = t.charCodeAt(this.i);
      if (c === 0x22) break;
      if (c < 0x20) this.fail('a line break or control character inside a string (write it as \\n or \\uXXXX)');
      if (c === 0x5c) {
        escaped = true;
        const e = t[this.i + 1];
        if (e === 'u' ? !/^[0-9a-fA-F]{4}$/.test(t.slice(this.i + 2, this.i + 6)) : !'"\\/bfnrt'.includes(e ?? 'x')) this.fail('a backslash that starts no escape JSON knows');
        this.i += e === 'u' ? 6 : 2;
        continue;
      }
      this.i++;
    }
    this.i++;
    const raw = t.slice(start + 1, this.i - 1);
    return escaped ? (JSON.parse(t.slice(start, this.i)) as string) : raw;
  }
}
