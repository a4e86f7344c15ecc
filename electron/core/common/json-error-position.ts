/**
 * Finds where JSON text stops being valid, so that "not valid JSON" messages
 * can point at a line and column. V8's own messages only sometimes carry a
 * position, and never a line number.
 */

export interface TextPosition {
  line: number;
  column: number;
}

/** Offset of the first syntax error in `text`, or null if it parses. */
export function findJsonErrorOffset(text: string): number | null {
  const scanner = new Scanner(text);
  try {
    scanner.skipWhitespace();
    scanner.value();
    scanner.skipWhitespace();
    if (scanner.pos < text.length) throw new ScanError(scanner.pos);
    return null;
  } catch (err) {
    // Anything else is a stack overflow on absurdly deep nesting: the position is then simply unknown.
    return err instanceof ScanError ? err.offset : null;
  }
}

/** 1-based line and column of an offset. */
export function positionOf(text: string, offset: number): TextPosition {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column };
}

class ScanError extends Error {
  constructor(readonly offset: number) {
    super(`JSON syntax error at offset ${offset}`);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// eslint-disable-next-line no-control-regex -- JSON forbids raw control characters in strings; spotting them is the point.
const STRING_CHARS = /(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*/y;

class Scanner {
  pos = 0;

  constructor(private readonly text: string) {}

  skipWhitespace(): void {
    while (this.pos < this.text.length && ' \t\n\r'.includes(this.text.charAt(this.pos))) this.pos++;
  }

  value(): void {
    const ch = this.text.charAt(this.pos);
    if (ch === '{') return this.object();
    if (ch === '[') return this.array();
    if (ch === '"') return this.string();
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return;
      }
    }
    this.match(NUMBER);
  }

  private object(): void {
    this.pos++;
    this.skipWhitespace();
    if (this.text.charAt(this.pos) === '}') {
      this.pos++;
      return;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text.charAt(this.pos) !== '"') throw new ScanError(this.pos);
      this.string();
      this.skipWhitespace();
      this.expect(':');
      this.skipWhitespace();
      this.value();
      this.skipWhitespace();
      if (this.text.charAt(this.pos) === '}') {
        this.pos++;
        return;
      }
      this.expect(',');
    }
  }

  private array(): void {
    this.pos++;
    this.skipWhitespace();
    if (this.text.charAt(this.pos) === ']') {
      this.pos++;
      return;
    }
    for (;;) {
      this.skipWhitespace();
      this.value();
      this.skipWhitespace();
      if (this.text.charAt(this.pos) === ']') {
        this.pos++;
        return;
      }
      this.expect(',');
    }
  }

  private string(): void {
    this.pos++;
    this.match(STRING_CHARS);
    this.expect('"');
  }

  private expect(ch: string): void {
    if (this.text.charAt(this.pos) !== ch) throw new ScanError(this.pos);
    this.pos++;
  }

  private match(pattern: RegExp): void {
    pattern.lastIndex = this.pos;
    const found = pattern.exec(this.text);
    if (found === null || found[0].length === 0) throw new ScanError(this.pos);
    this.pos += found[0].length;
  }
}
