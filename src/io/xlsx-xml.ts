/**
 * XML just as far as SpreadsheetML (ECMA-376 Part 1) needs it for reading: elements with an optional namespace
 * prefix, attributes, entities and OOXML's _xHHHH_ escapes, and the plain text of a string item.
 */

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** XML entities and OOXML's _xHHHH_ escapes (ECMA-376 §22.9.2.19) → text. */
export function decodeXmlText(text: string): string {
  return text
    .replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (all, e: string) => {
      if (e.startsWith("#x")) return safeCodePoint(parseInt(e.slice(2), 16), all);
      if (e.startsWith("#")) return safeCodePoint(parseInt(e.slice(1), 10), all);
      return ENTITIES[e] ?? all;
    })
    .replace(/_x([0-9a-fA-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function safeCodePoint(n: number, fallback: string): string {
  return Number.isInteger(n) && n >= 0 && n <= 0x10ffff ? String.fromCodePoint(n) : fallback;
}

export function attributes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    const name = m[1] ?? "";
    const value = decodeXmlText(m[2] ?? m[3] ?? "");
    out.set(name, value);
    // Also by local name (x:r → r), unless an unprefixed attribute of that name exists.
    const local = name.replace(/^[\w.-]+:/, "");
    if (local !== name && !out.has(local)) out.set(local, value);
  }
  return out;
}

/** Every element `name` (any namespace prefix): its attributes and inner XML ("" when self-closing). */
const PATTERNS = new Map<string, RegExp>();

function pattern(name: string): RegExp {
  let re = PATTERNS.get(name);
  if (!re) {
    re = new RegExp(`<(?:[\\w.-]+:)?${name}\\b([^>]*?)(?:/>|>([\\s\\S]*?)</(?:[\\w.-]+:)?${name}>)`, "g");
    PATTERNS.set(name, re);
  }
  return re;
}

export function* elements(xml: string, name: string): Generator<{ attrs: Map<string, string>; inner: string }> {
  // Only look when the name occurs at all: most cells have no <f>, <is> or <t>.
  if (!xml.includes(name)) return;
  for (const m of xml.matchAll(pattern(name))) yield { attrs: attributes(m[1] ?? ""), inner: m[2] ?? "" };
}

export function firstElement(xml: string, name: string): { attrs: Map<string, string>; inner: string } | undefined {
  for (const e of elements(xml, name)) return e;
  return undefined;
}

/** Text of every <t> inside, phonetic guides (<rPh>, furigana) left out: plain and rich text alike. */
export function plainText(inner: string): string {
  const withoutPhonetic = inner.replace(/<(?:[\w.-]+:)?rPh\b[\s\S]*?<\/(?:[\w.-]+:)?rPh>/g, "");
  let text = "";
  for (const t of elements(withoutPhonetic, "t")) text += decodeXmlText(t.inner);
  return text;
}

