/**
 * A save that met a newer version of a hearing form (optimistic locking): who saved it and when, said truthfully
 * (the same user in another tab is not "another user"), and what differs between the stored form and the one sent,
 * row by row in the form's own words. Pure.
 */
import { japanDateTimeOf } from "./calendar.js";
import { formatDateBoth } from "./era.js";

/** "2026-07-01T01:23:00.000Z" → "令和8年7月1日 10:23" (Japan time); the text as given when it is not a timestamp. */
export function savedAtText(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const { date, time } = japanDateTimeOf(t);
  return `${formatDateBoth(date)} ${time.slice(0, 5)}`;
}

/**
 * The conflict message for `you` (a username) who started from an older version: the newer version `version` was
 * saved by `savedBy` at `savedAt` (ISO). Names yourself when it was you (another tab or window), never "another user".
 */
export function saveConflictMessage(props: { savedBy: string; savedAt: string; version: number; you: string }): string {
  const when = savedAtText(props.savedAt);
  const who = props.savedBy === props.you ? `あなた(${props.you})が別の画面(タブ・ウィンドウ)で` : `${props.savedBy}さんが`;
  return `この様式は、この画面を開いた後に${who}${when}に保存しています(版 ${props.version})。保存されている内容と、この画面の入力の違いを確かめてから、もう一度保存してください。`;
}

const SECTIONS: Record<string, string> = {
  issues: "現状と課題",
  priorities: "重点的な取組",
  workloads: "業務量の変化",
  ict: "ICT活用",
  outsourcing: "民間委託等",
  units: "時間外勤務・欠員",
  requests: "要望",
  changes: "組織改正",
  lines: "人員計画",
};

const FIELDS: Record<string, string> = {
  work: "業務名",
  unitId: "組織",
  previousCount: "前年度件数",
  currentCount: "今年度件数",
  note: "備考",
  kind: "種類",
  description: "内容",
  reformKey: "重点推進項目",
  startYear: "実施年度",
  overtimeHours: "時間外勤務時間",
  vacancies: "欠員数",
  text: "要望内容",
  effectiveDate: "施行日",
  unitIds: "対象組織",
  newNames: "新しい組織の名称",
  newParentId: "所管先",
  reason: "理由",
  category: "職種",
  employment: "任用区分",
  current: "現員",
  years: "増減",
  increaseReason: "増の理由",
  decreaseReason: "減の理由",
  driver: "要因",
};

/** One difference: where (「人員計画 2行目 増減」) and the stored and sent values as short text. */
export interface ContentDifference {
  where: string;
  stored: string;
  sent: string;
}

function shown(v: unknown, unitName: (id: number) => string, field: string): string {
  if (v === undefined) return "(なし)";
  if (v === null || v === "") return "(空欄)";
  if ((field === "unitId" || field === "newParentId") && typeof v === "number") return unitName(v);
  if (field === "unitIds" && Array.isArray(v)) return v.map((x) => (typeof x === "number" ? unitName(x) : String(x))).join("、") || "(空欄)";
  if (field === "years" && Array.isArray(v)) return v.map((y: { increase?: unknown; decrease?: unknown }, k) => `${k + 1}年目 +${String(y?.increase ?? "")}/−${String(y?.decrease ?? "")}`).join("、");
  const text = Array.isArray(v) ? v.join("、") : typeof v === "object" ? JSON.stringify(v) : String(v);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * What differs between the stored content and the content sent (both as the form holds them, the sent one possibly
 * not valid): text fields, and per section the rows matched by their 行ID (or by position when a row has none).
 * At most `limit` differences.
 */
export function contentDifferences(stored: unknown, sent: unknown, unitName: (id: number) => string, limit = 30): ContentDifference[] {
  const out: ContentDifference[] = [];
  const a = (stored ?? {}) as Record<string, unknown>;
  const b = (sent ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(SECTIONS)) {
    if (!(key in a) && !(key in b)) continue;
    const x = a[key];
    const y = b[key];
    const section = SECTIONS[key] ?? key;
    if (!Array.isArray(x) && !Array.isArray(y)) {
      if (!same(x, y)) out.push({ where: section, stored: shown(x, unitName, key), sent: shown(y, unitName, key) });
      continue;
    }
    const rowsA = (Array.isArray(x) ? x : []) as Record<string, unknown>[];
    const rowsB = (Array.isArray(y) ? y : []) as Record<string, unknown>[];
    const keyOf = (r: Record<string, unknown>, i: number) => (typeof r?.["id"] === "string" && r["id"] !== "" ? `id:${r["id"]}` : typeof r?.["unitId"] === "number" && key === "units" ? `u:${r["unitId"]}` : `i:${i}`);
    const mapA = new Map(rowsA.map((r, i) => [keyOf(r, i), { r, i }]));
    const mapB = new Map(rowsB.map((r, i) => [keyOf(r, i), { r, i }]));
    for (const [k, { r, i }] of mapB) {
      const old = mapA.get(k);
      if (!old) {
        out.push({ where: `${section} ${i + 1}行目`, stored: "(この行はありません)", sent: "追加" });
        continue;
      }
      for (const field of new Set([...Object.keys(old.r ?? {}), ...Object.keys(r ?? {})])) {
        if (field === "id" || same(old.r?.[field], r?.[field])) continue;
        out.push({ where: `${section} ${i + 1}行目 ${FIELDS[field] ?? field}`, stored: shown(old.r?.[field], unitName, field), sent: shown(r?.[field], unitName, field) });
      }
    }
    for (const [k, { i }] of mapA) if (!mapB.has(k)) out.push({ where: `${section} ${i + 1}行目`, stored: "あり", sent: "(削除)" });
  }
  return out.slice(0, limit);
}
