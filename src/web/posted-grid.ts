/**
 * A posted grid — a table of inputs named by pattern (`n.<cohort>.<category>`, `l.<cohort>.<category>` …) — read with
 * zod. Each cell is parsed by its own schema whose messages name its row and column; a refused cell comes back as
 * data, not as one 400: zod's issue path is the cell's field name (the input's id), so the page draws the grid again
 * with every bad cell marked and linked from its message. A field that matches no cell of the grid is refused
 * without a field (or ignored, when the grid says so).
 */
import { z } from "zod";

/** One problem of a posted grid: the cell's field name when one cell is at fault, and the Japanese message. */
export interface GridProblem {
  field?: string;
  message: string;
}

/** One cell read: its field name, what the pattern's match made of it (its key), and its value. */
export interface PostedCell<K, T> {
  name: string;
  key: K;
  value: T;
}

/**
 * The schema of a grid's posted body: every field whose name starts with `prefix` is a cell, its key read from
 * `pattern`'s match by `key` (undefined: no cell of this grid); its value parsed by `cell(key)`. A field with no
 * key is refused with `unknown(name)`, or ignored when `unknown` is left out. Output: the cells read.
 */
export function postedGrid<K, T>(spec: {
  prefix: string;
  pattern: RegExp;
  key: (match: RegExpExecArray) => K | undefined;
  cell: (key: K) => z.ZodType<T>;
  unknown?: (name: string) => string;
}) {
  return z.record(z.string(), z.unknown()).transform((body, ctx) => {
    const cells: PostedCell<K, T>[] = [];
    for (const [name, value] of Object.entries(body)) {
      if (!name.startsWith(spec.prefix)) continue;
      const match = spec.pattern.exec(name);
      const key = match ? spec.key(match) : undefined;
      if (key === undefined) {
        if (spec.unknown) ctx.addIssue({ code: "custom", message: spec.unknown(name) });
        continue;
      }
      const read = spec.cell(key).safeParse(value);
      if (read.success) cells.push({ name, key, value: read.data });
      else for (const issue of read.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: [name] });
    }
    return cells;
  });
}

/**
 * Reads `body` with a postedGrid schema: the cells when every one was read, and the problems otherwise (each with
 * the field name its issue's path gives); `entered` has every text posted under `prefixes`, to draw the grid again as typed.
 */
export function readPostedGrid<K, T>(
  schema: ReturnType<typeof postedGrid<K, T>>,
  body: Record<string, unknown>,
  prefixes: readonly string[],
): { cells: PostedCell<K, T>[]; problems: GridProblem[]; entered: Record<string, string> } {
  const entered: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) if (typeof value === "string" && prefixes.some((p) => name.startsWith(p))) entered[name] = value;
  const result = schema.safeParse(body);
  if (result.success) return { cells: result.data, problems: [], entered };
  const problems = result.error.issues.map((issue) => ({ ...(issue.path.length > 0 ? { field: String(issue.path[0]) } : {}), message: issue.message }));
  return { cells: [], problems, entered };
}

/**
 * A count cell as typed, read by `parse` (e.g. io/age-profile.ts parseAgeCount: blank is 0); the message of a refusal
 * is prefixed with `where` (the cell's row and column, in Japanese). Anything but one text is refused the same way.
 */
export function countCell(where: string, parse: (raw: string) => { ok: true; value: number } | { ok: false; message: string }) {
  return z.unknown().transform((value, ctx) => {
    const read = typeof value === "string" ? parse(value) : { ok: false as const, message: "人数は文字で入力してください" };
    if (read.ok) return read.value;
    ctx.addIssue({ code: "custom", message: `${where}: ${read.message}` });
    return z.NEVER;
  });
}
