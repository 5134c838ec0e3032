/**
 * A small scanner for JSON with comments (JSONC, as VS Code reads `devcontainer.json`):
 * `//` and `/* … *\/` comments and trailing commas are allowed. It reads only what a finder
 * needs: the string values of the top-level object's keys, each with the exact span of its
 * characters inside the quotes, so a rewrite replaces those and keeps every comment and space.
 * Nothing is evaluated; it never throws, and reports the first syntax error with its offset.
 */

export interface JsoncString {
  /** The value, escapes decoded. */
  value: string
  /** The span inside the quotes (UTF-16 offsets into the text). */
  start: number
  end: number
  /** True when the source has escapes: the span's text is not the value. */
  escaped: boolean
}

export interface JsoncTop {
  /** Top-level keys whose value is a string. */
  strings: Map<string, JsoncString>
  /** The first syntax error, if any: what was expected and where. */
  error?: { offset: number; message: string }
}

/** Nesting deeper than any real file; a limit so a hostile one cannot exhaust the stack. */
const MAX_DEPTH = 256

class Reader {
  at = 0
  constructor(readonly text: string) {}

  fail(message: string): never {
    throw new JsoncSyntax(this.at, message)
  }

  /** Skips whitespace and comments. */
  space(): void {
    const t = this.text
    for (;;) {
      const c = t[this.at]
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\ufeff') this.at++
      else if (t.startsWith('//', this.at)) {
        while (this.at < t.length && t[this.at] !== '\n' && t[this.at] !== '\r') this.at++
      } else if (t.startsWith('/*', this.at)) {
        const close = t.indexOf('*/', this.at + 2)
        if (close < 0) this.fail('a comment opened with /* is never closed')
        this.at = close + 2
      } else return
    }
  }

  string(): JsoncString {
    const t = this.text
    const start = ++this.at
    let value = ''
    let escaped = false
    while (this.at < t.length && t[this.at] !== '"') {
      const c = t[this.at]
      if (c === '\n' || c === '\r') this.fail('a string runs to the end of its line')
      if (c !== '\\') {
        value += c
        this.at++
        continue
      }
      escaped = true
      const e = t[this.at + 1]
      const simple: Record<string, string> = {
        '"': '"',
        '\\': '\\',
        '/': '/',
        b: '\b',
        f: '\f',
        n: '\n',
        r: '\r',
        t: '\t'
      }
      if (e in simple) {
        value += simple[e]
        this.at += 2
      } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(t.slice(this.at + 2, this.at + 6))) {
        value += String.fromCharCode(parseInt(t.slice(this.at + 2, this.at + 6), 16))
        this.at += 6
      } else this.fail('an invalid escape in a string')
    }
    if (this.at >= t.length) this.fail('a string is never closed')
    const end = this.at++
    return { value, start, end, escaped }
  }

  /** Skips any value; returns it when it is a string. */
  value(depth: number): JsoncString | undefined {
    if (depth > MAX_DEPTH) this.fail(`values nested deeper than ${MAX_DEPTH}`)
    this.space()
    const c = this.text[this.at]
    if (c === '"') return this.string()
    if (c === '{' || c === '[') {
      this.items(c === '{' ? '}' : ']', c === '{', depth)
      return undefined
    }
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(
      this.text.slice(this.at, this.at + 400)
    )
    if (!literal)
      this.fail('expected a value (a string, number, object, array, true, false or null)')
    this.at += literal[0].length
    return undefined
  }

  /** The members of an object or the items of an array, after its opening bracket. */
  items(
    close: string,
    object: boolean,
    depth: number,
    onMember?: (key: string, value: JsoncString | undefined) => void
  ): void {
    this.at++
    for (;;) {
      this.space()
      if (this.text[this.at] === close) {
        this.at++
        return
      }
      let key = ''
      if (object) {
        if (this.text[this.at] !== '"') this.fail(`expected a key in double quotes or '${close}'`)
        key = this.string().value
        this.space()
        if (this.text[this.at] !== ':') this.fail("expected ':' after a key")
        this.at++
      }
      const value = this.value(depth + 1)
      onMember?.(key, value)
      this.space()
      if (this.text[this.at] === ',') this.at++
      else if (this.text[this.at] !== close) this.fail(`expected ',' or '${close}'`)
    }
  }
}

/** A syntax error at an offset; caught in readJsoncTop, never seen outside this module. */
class JsoncSyntax extends Error {
  constructor(
    readonly offset: number,
    message: string
  ) {
    super(message)
  }
}

/** The top-level object's string members (the last of a key written twice, as JSON.parse). */
export function readJsoncTop(text: string): JsoncTop {
  const reader = new Reader(text)
  const strings = new Map<string, JsoncString>()
  try {
    reader.space()
    if (text[reader.at] !== '{') reader.fail("expected the file to hold an object, '{'")
    reader.items('}', true, 0, (key, value) => {
      if (value) strings.set(key, value)
      else strings.delete(key)
    })
    reader.space()
    if (reader.at < text.length) reader.fail('unexpected text after the object')
  } catch (e) {
    if (e instanceof JsoncSyntax)
      return { strings, error: { offset: e.offset, message: e.message } }
    throw e
  }
  return { strings }
}
