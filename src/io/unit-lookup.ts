/**
 * Finding the unit (組織) a row of an imported file means: by code, by name, or by a table's row label
 * (names compared without width differences or spaces, notes after ※ dropped). Shared by every importer
 * that reads rows of units.
 */
import { formatFiscalYear } from "../domain/era.js";
import { existsIn, type UnitKind } from "../domain/organisation.js";
import { compact } from "./cells.js";

/** A unit as the importer needs it; structurally a StaffingUnit with its code. */
export interface ImportUnit {
  id: number;
  code: string;
  name: string;
  parentId: number | null;
  kind: UnitKind;
  sortOrder: number;
  validFrom: number | null;
  validTo: number | null;
}

/** Table row labels also carry notes after ※ (「市長部局※病院除く」). */
export function tableLabel(text: string): string {
  return compact(text).replace(/※.*$/, "");
}

function validityText(unit: ImportUnit): string {
  if (unit.validFrom !== null && unit.validTo !== null) return `${unit.validFrom}年度から${unit.validTo}年度まで`;
  if (unit.validFrom !== null) return `${unit.validFrom}年度から`;
  if (unit.validTo !== null) return `${unit.validTo}年度まで`;
  return "期間の定めなし";
}

/** 「組織「…」は…年度には存在しません」 with the unit's period of validity. */
export function notExistingMessage(unit: ImportUnit, fy: number): string {
  return `組織「${unit.name}」は${formatFiscalYear(fy)}には存在しません (${validityText(unit)})。組織の存続期間か年度を確認してください`;
}

export type UnitMatch = { ok: true; unit: ImportUnit } | { ok: false; message: string };

/** Units indexed by code, name and table label. */
export class UnitLookup {
  private readonly byCode = new Map<string, ImportUnit>();
  private readonly byName = new Map<string, ImportUnit[]>();
  private readonly byTableLabel = new Map<string, ImportUnit[]>();

  constructor(readonly units: readonly ImportUnit[]) {
    for (const u of units) {
      this.byCode.set(u.code.normalize("NFKC").trim(), u);
      this.byName.set(compact(u.name), [...(this.byName.get(compact(u.name)) ?? []), u]);
      this.byTableLabel.set(tableLabel(u.name), [...(this.byTableLabel.get(tableLabel(u.name)) ?? []), u]);
    }
  }

  code(raw: string): ImportUnit | undefined {
    return this.byCode.get(raw.normalize("NFKC").trim());
  }

  /** A code, or a name exactly one unit has. */
  codeOrName(raw: string): UnitMatch {
    const byCode = this.code(raw);
    if (byCode) return { ok: true, unit: byCode };
    return this.pick(this.byName.get(compact(raw)) ?? [], raw);
  }

  tableRow(raw: string): UnitMatch {
    return this.pick(this.byTableLabel.get(tableLabel(raw)) ?? [], raw);
  }

  private pick(found: readonly ImportUnit[], raw: string): UnitMatch {
    const [first, second] = found;
    if (!first) return { ok: false, message: `組織「${raw}」が見つかりません。組織の一覧にある名称かコードを入力してください` };
    if (second) {
      const codes = found.map((u) => u.code).join("、");
      return { ok: false, message: `組織「${raw}」は複数あります (コード: ${codes})。組織コードで指定してください` };
    }
    return { ok: true, unit: first };
  }

  children(unitId: number, fy: number): ImportUnit[] {
    return this.units.filter((u) => u.parentId === unitId && existsIn(u, fy));
  }
}
