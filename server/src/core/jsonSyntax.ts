// Where a JSON text first goes wrong. JSON.parse says that something is wrong, but Node's
// messages name a position only for some errors; a config file error must name line and
// column, so this scanner finds the offset. Iterative (no recursion to overflow on deep
// nesting) and linear in the text.

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const HEX4 = /[0-9a-fA-F]{4}/y;

/** The offset of the first syntax error in `text`, or -1 where the text is valid JSON. */
export function jsonErrorOffset(text: string): number {
  const n = text.length;
  let i = 0;
  const stack: string[] = [];
  let state: 'value' | 'valueOrEnd' | 'key' | 'keyOrEnd' | 'afterValue' = 'value';

  const skipSpace = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const scanString = (): boolean => {
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          HEX4.lastIndex = i + 2;
          if (!HEX4.test(text)) return false;
          i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) return false;
        i += 2;
        continue;
      }
      i++;
    }
    return false;
  };

  for (;;) {
    skipSpace();
    if (state === 'afterValue') {
      if (stack.length === 0) return i < n ? i : -1;
      const top = stack[stack.length - 1];
      if (text[i] === ',') {
        i++;
        state = top === '{' ? 'key' : 'value';
      } else if ((top === '{' && text[i] === '}') || (top === '[' && text[i] === ']')) {
        stack.pop();
        i++;
      } else return i;
      continue;
    }
    if (i >= n) return n;
    if (state === 'key' || state === 'keyOrEnd') {
      if (state === 'keyOrEnd' && text[i] === '}') {
        stack.pop();
        i++;
        state = 'afterValue';
        continue;
      }
      if (text[i] !== '"' || !scanString()) return i;
      skipSpace();
      if (text[i] !== ':') return i;
      i++;
      state = 'value';
      continue;
    }
    // A value is expected (or, right after "[", the end of the array).
    const c = text[i];
    if (state === 'valueOrEnd' && c === ']') {
      stack.pop();
      i++;
      state = 'afterValue';
    } else if (c === '{' || c === '[') {
      stack.push(c);
      i++;
      state = c === '{' ? 'keyOrEnd' : 'valueOrEnd';
    } else if (c === '"') {
      if (!scanString()) return i;
      state = 'afterValue';
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      if (!NUMBER.test(text)) return i;
      i = NUMBER.lastIndex;
      state = 'afterValue';
    } else {
      const word = ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
      if (!word) return i;
      i += word.length;
      state = 'afterValue';
    }
  }
}
