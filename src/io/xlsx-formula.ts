/**
 * The one kind of formula gyokaku computes itself: arithmetic of literal numbers (=90+4, =(12-3)*2, =-5/2), for
 * cells saved without a result by scripts and templates. Anything else (a cell reference, a function) needs
 * Excel, and the reader refuses the cell instead of guessing.
 */

/** "90+4" or "=90+4" → 94; null when the formula is anything but + − × ÷ and parentheses over literal numbers. */
export function evaluateLiteralArithmetic(formula: string): number | null {
  const text = formula.replace(/^=/, "").replace(/\s+/g, "");
  if (text === "" || text.length > 200 || !/^[\d.+\-*/()]+$/.test(text)) return null;
  let i = 0;
  const peek = () => text[i];
  function number(): number | null {
    const m = /^\d+(\.\d+)?|^\.\d+/.exec(text.slice(i));
    if (!m) return null;
    i += m[0].length;
    return Number(m[0]);
  }
  function factor(depth: number): number | null {
    if (depth > 50) return null;
    const ch = peek();
    if (ch === "-" || ch === "+") {
      i++;
      const v = factor(depth + 1);
      return v === null ? null : ch === "-" ? -v : v;
    }
    if (ch === "(") {
      i++;
      const v = expression(depth + 1);
      if (v === null || peek() !== ")") return null;
      i++;
      return v;
    }
    return number();
  }
  function term(depth: number): number | null {
    let v = factor(depth);
    while (v !== null && (peek() === "*" || peek() === "/")) {
      const op = text[i++];
      const r = factor(depth);
      if (r === null) return null;
      v = op === "*" ? v * r : v / r;
    }
    return v;
  }
  function expression(depth: number): number | null {
    let v = term(depth);
    while (v !== null && (peek() === "+" || peek() === "-")) {
      const op = text[i++];
      const r = term(depth);
      if (r === null) return null;
      v = op === "+" ? v + r : v - r;
    }
    return v;
  }
  const value = expression(0);
  return value !== null && i === text.length && Number.isFinite(value) ? value : null;
}
