/** One <td> (or <th>) of a page: its tag, its attributes and its text. */
export interface Cell {
  tag: string;
  attrs: Record<string, string>;
  text: string;
}

export interface CellReading {
  /** Read <th> cells too, not only <td>. */
  headers?: boolean;
  /** Decode `&amp;` in the cells' text. */
  ampersands?: boolean;
}

export interface CellReader {
  /** Every cell of a page with its attributes and its text (tags dropped, trimmed). */
  cells(html: string): Cell[];
  /** The one cell whose data-* attributes match; throws unless exactly one does. */
  cellOf(html: string, match: Record<string, string | number>): Cell;
  /** The text of the one cell whose data-* attributes match. */
  cell(html: string, match: Record<string, string | number>): string;
}

/** Reads a page's table cells the given way. */
export function cellReader(reading: CellReading = {}): CellReader {
  const cells = (html: string): Cell[] => {
    const pattern = reading.headers ? /<(t[hd])((?:\s[^>]*)?)>([\s\S]*?)<\/t[hd]>/g : /<(td)([^>]*)>([\s\S]*?)<\/td>/g;
    return [...html.matchAll(pattern)].map((m) => {
      const text = (m[3] ?? "").replace(/<[^>]+>/g, "");
      return {
        tag: m[1] ?? "",
        attrs: Object.fromEntries([...(m[2] ?? "").matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1] ?? "", a[2] ?? ""])),
        text: (reading.ampersands ? text.replace(/&amp;/g, "&") : text).trim(),
      };
    });
  };
  const cellOf = (html: string, match: Record<string, string | number>): Cell => {
    const found = cells(html).filter((c) => Object.entries(match).every(([k, v]) => c.attrs[`data-${k}`] === String(v)));
    const [only] = found;
    if (found.length !== 1 || !only) throw new Error(`expected one cell for ${JSON.stringify(match)}, found ${found.length}`);
    return only;
  };
  return { cells, cellOf, cell: (html, match) => cellOf(html, match).text };
}

/** <td> cells only, their text as written. */
export const { cells, cellOf, cell } = cellReader();

/** The HTML of the table with this id (pages carry several tables with the same data attributes). */
export function table(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  if (start < 0) throw new Error(`no table #${id}`);
  return html.slice(start, html.indexOf("</table>", start));
}

/** The visible text of an HTML page or fragment: tags dropped, entities decoded, whitespace folded. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

/** The hidden "as read" fields of a form page (the headcount grid's o.<unit>.<field>, the age grid's read): what a save must carry. */
export function readFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input([^>]*)>/g)) {
    const attrs = m[1] ?? "";
    const name = /name="([^"]+)"/.exec(attrs)?.[1];
    if (!name || !/^(o\.|read$)/.test(name) || /\sdisabled/.test(attrs)) continue;
    fields[name] = (/value="([^"]*)"/.exec(attrs)?.[1] ?? "").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
  }
  return fields;
}

/**
 * The hidden fields of a preview page's 「この内容で取り込む」 form (step=apply) posting to `action`, as the browser would
 * send them (the carried file and the preview's fingerprint); _csrf left out (the client adds its own). Throws when the
 * page offers no confirmation.
 */
export function confirmFields(previewHtml: string, action: string): Record<string, string> {
  const escaped = action.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  const form = new RegExp(`<form[^>]*action="${escaped}"[^>]*>((?:(?!</form>)[\\s\\S])*name="step" value="apply"[\\s\\S]*?)</form>`).exec(previewHtml)?.[1];
  if (!form) throw new Error(`no confirm form for ${action} on the page`);
  const fields: Record<string, string> = {};
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
    if (m[1] !== "_csrf") fields[m[1] ?? ""] = (m[2] ?? "").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
  }
  return fields;
}

/**
 * The values read that the form posting to `action` carries (hidden read_values, domain/read-values.ts), as a field
 * to spread into a post: `{ ...formReadValues(html, "/staffing/settings/quota"), quota: "490" }`.
 */
export function formReadValues(html: string, action: string): { read_values: string } {
  // The first form with that action that carries the values (a page may also have a GET form to the same path).
  let start = html.indexOf(`action="${action}"`);
  if (start < 0) throw new Error(`no form posting to ${action}`);
  let raw: string | undefined;
  while (start >= 0 && raw === undefined) {
    raw = /name="read_values" value="([^"]*)"/.exec(html.slice(start, html.indexOf("</form>", start)))?.[1];
    start = html.indexOf(`action="${action}"`, start + 1);
  }
  if (raw === undefined) throw new Error(`the form posting to ${action} carries no read_values`);
  return { read_values: raw.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&") };
}

/** Opens `page` as `client` now and returns the values read of its form posting to `action` (formReadValues). */
export async function readValuesFor(client: { get(path: string): Promise<Response> }, page: string, action: string): Promise<{ read_values: string }> {
  return formReadValues(await (await client.get(page)).text(), action);
}
