/**
 * Which approved lines of a decided hearing round can no longer be applied to the organisation as it stands now.
 * A 様式2 change or a 様式3 line is checked when it is decided; the secretariat may later abolish, rename or move the
 * unit it names on the 組織 page, and then 組織改正 (services/organisation.ts reorganise) or 配置計画 would refuse it.
 * These rules mirror what applying refuses, so the preview can list such lines (「適用できない行」) and the round can
 * be applied without them instead of failing as a whole. Pure.
 */
import { fiscalYearOf, formatFiscalYear } from "./era.js";
import { wouldMakeCycle } from "./hearing-checks.js";
import { EMPLOYMENT_LABELS, type OrgChange, type StaffLine } from "./hearing-forms.js";
import { existsIn, yearsLeftOutByValidity } from "./organisation.js";

/** A unit as the organisation stands now (fiscal years 年度; null: open). */
export interface UnitState {
  id: number;
  name: string;
  parentId: number | null;
  validFrom: number | null;
  validTo: number | null;
}

/** An approved (承認・一部承認) 様式2 line, in the order applying takes them. `row`: 1-based row of the form. */
export interface ApprovedOrgLine {
  departmentId: number;
  departmentName: string;
  row: number;
  change: OrgChange;
  /** 「廃止 2027-04-01: 保健課 → —」 */
  summary: string;
}

/** An approved (承認・一部承認) 様式3 line. `granted`: the net change (人) the decision grants for the target year. */
export interface ApprovedStaffLine {
  departmentId: number;
  departmentName: string;
  row: number;
  line: StaffLine;
  granted: number;
}

/** An approved line that cannot be applied, and why (Japanese, naming the department, the line and the unit). */
export interface UnapplicableLine {
  /** 「2:12:C1」: form, department id, line id (unique within a round). */
  key: string;
  form: 2 | 3;
  departmentId: number;
  departmentName: string;
  lineId: string;
  /** The line as a clerk reads it: 「様式2 組織改正 1行目(廃止 2027-04-01: 保健課 → —)」. */
  line: string;
  /** Why it cannot be applied now: 「「保健課」は組織の画面で令和8年度(2026年度)までの組織とされています…」. */
  reason: string;
}

/** The key of a line of a round (lineKey(2, 12, "C1") → "2:12:C1"). */
export function lineKey(form: 2 | 3, departmentId: number, lineId: string): string {
  return `${form}:${departmentId}:${lineId}`;
}

/** Why `u` does not exist from `from` to `to` (年度), in Japanese; null when it does. */
function absence(u: UnitState, from: number, to: number): string | null {
  if (existsIn(u, from) && existsIn(u, to)) return null;
  const span = from === to ? `${formatFiscalYear(to)}には` : `${formatFiscalYear(from)}から${formatFiscalYear(to)}にかけて`;
  if (u.validTo !== null && u.validTo < to) return `「${u.name}」は組織の画面で${formatFiscalYear(u.validTo)}までの組織とされ(廃止・統合など)、${span}存在しません`;
  return `「${u.name}」は組織の画面で${formatFiscalYear(u.validFrom ?? from)}に設置される組織とされ、${span}存在しません`;
}

const missing = (label: string, id: number) => `${label}(組織 #${id})が組織の一覧にありません(削除されています)`;

/**
 * The approved lines that applying would refuse, given the organisation now (`units`), the fiscal years each unit has
 * 職員数 recorded (`recordedYears`), 現員 per unit (`current`, 人) and the round's target year. 様式2 lines are taken in
 * order, each seeing the effect of the applicable ones before it (a unit abolished by an earlier line ends there too).
 * Checks, as 組織改正 applies them: 名称変更・廃止・分割・統合 need every unit to exist the year before and the year of
 * 施行日, and a unit that ends may not leave recorded 職員数 outside its life; 新設 needs its 所管先 in that year;
 * 所管替え needs the unit and its 所管先 then and no cycle. A 様式3 line needs its unit in the target year, and the
 * unit's 配置計画 (現員 + granted) may not fall below 0.
 */
export function unapplicableLines(input: {
  targetYear: number;
  units: readonly UnitState[];
  recordedYears: ReadonlyMap<number, readonly number[]>;
  current: ReadonlyMap<number, number>;
  orgLines: readonly ApprovedOrgLine[];
  staffLines: readonly ApprovedStaffLine[];
}): UnapplicableLine[] {
  const out: UnapplicableLine[] = [];
  const now = new Map(input.units.map((u) => [u.id, u]));
  const state = new Map(input.units.map((u) => [u.id, { ...u }]));
  for (const o of input.orgLines) {
    const { change } = o;
    const fy = fiscalYearOf(change.effectiveDate);
    const reasons: string[] = [];
    const unitIds = [...new Set(change.unitIds)];
    let ending: number[] = [];
    if (change.kind === "create") {
      const parentId = change.newParentId ?? o.departmentId;
      const parent = state.get(parentId);
      if (!parent) reasons.push(missing("所管先", parentId));
      else {
        const gone = absence(parent, fy, fy);
        if (gone) reasons.push(`所管先の${gone}`);
      }
    } else if (change.kind === "transfer") {
      const unitId = unitIds[0];
      const unit = unitId === undefined ? undefined : state.get(unitId);
      const parent = change.newParentId === null ? undefined : state.get(change.newParentId);
      if (unitId !== undefined && !unit) reasons.push(missing("対象組織", unitId));
      else if (unit) {
        const gone = absence(unit, fy, fy);
        if (gone) reasons.push(gone);
      }
      if (change.newParentId !== null && !parent) reasons.push(missing("所管先", change.newParentId));
      else if (parent) {
        const gone = absence(parent, fy, fy);
        if (gone) reasons.push(`所管先の${gone}`);
      }
      if (unit && parent && wouldMakeCycle(new Map([...state.values()].map((u) => [u.id, u.parentId])), unit.id, parent.id)) {
        reasons.push(`所管先「${parent.name}」は今の組織では「${unit.name}」の下にあるため、所管替えすると組織の親子関係が循環します`);
      }
    } else {
      for (const id of unitIds) {
        const unit = state.get(id);
        if (!unit) {
          reasons.push(missing("対象組織", id));
          continue;
        }
        const gone = absence(unit, fy - 1, fy);
        if (gone) reasons.push(gone);
      }
      if (change.kind !== "rename" && reasons.length === 0) {
        // As applying does: a new name equal to a unit's name means that unit goes on; the others end with their sub-units.
        const continuing = unitIds.find((id) => change.newNames.includes(state.get(id)?.name ?? ""));
        const endIds = new Set<number>();
        const collect = (id: number) => {
          endIds.add(id);
          for (const child of state.values()) if (child.parentId === id && !endIds.has(child.id)) collect(child.id);
        };
        for (const id of unitIds) if (id !== continuing) collect(id);
        ending = [...endIds].filter((id) => {
          const u = state.get(id);
          return u !== undefined && (u.validTo === null || u.validTo >= fy);
        });
        for (const id of ending) {
          const u = state.get(id);
          if (!u) continue;
          const years = yearsLeftOutByValidity({ validFrom: u.validFrom, validTo: fy - 1 }, input.recordedYears.get(id) ?? []);
          if (years.length > 0) reasons.push(`「${u.name}」には${years.slice(0, 3).map(formatFiscalYear).join("、")}${years.length > 3 ? ` ほか${years.length - 3}年度` : ""}の職員数が登録されているため、${formatFiscalYear(fy - 1)}末で終わらせることができません`);
        }
      }
    }
    if (reasons.length > 0) {
      out.push({
        key: lineKey(2, o.departmentId, change.id),
        form: 2,
        departmentId: o.departmentId,
        departmentName: o.departmentName,
        lineId: change.id,
        line: `様式2 組織改正 ${o.row}行目(${o.summary})`,
        reason: `${reasons.join("。")}。`,
      });
      continue;
    }
    // The line applies: later lines see its effect.
    if (change.kind === "rename") {
      const u = state.get(unitIds[0] ?? 0);
      if (u) u.name = change.newNames[0] ?? u.name;
    } else if (change.kind === "transfer") {
      const u = state.get(unitIds[0] ?? 0);
      if (u) u.parentId = change.newParentId;
    } else for (const id of ending) {
      const u = state.get(id);
      if (u) u.validTo = fy - 1;
    }
  }

  // 様式3: per unit, against the organisation as it stands now (配置計画 is the target year's).
  const byUnit = new Map<number, ApprovedStaffLine[]>();
  for (const s of input.staffLines) byUnit.set(s.line.unitId, [...(byUnit.get(s.line.unitId) ?? []), s]);
  for (const [unitId, lines] of byUnit) {
    const unit = now.get(unitId);
    let reason: string | null = null;
    if (!unit) reason = missing("組織", unitId);
    else {
      const gone = absence(unit, input.targetYear, input.targetYear);
      if (gone) reason = `${gone}。${formatFiscalYear(input.targetYear)}の配置計画を置けません`;
      else {
        const current = input.current.get(unitId) ?? 0;
        const granted = lines.reduce((sum, l) => sum + l.granted, 0);
        if (current + granted < 0) reason = `「${unit.name}」の今の現員 ${current}人に承認された増減 ${granted}人を加えると${current + granted}人になり、0人未満の配置計画は置けません`;
      }
    }
    if (reason === null) continue;
    for (const s of lines) {
      const sign = s.granted > 0 ? `+${s.granted}` : String(s.granted);
      out.push({
        key: lineKey(3, s.departmentId, s.line.id),
        form: 3,
        departmentId: s.departmentId,
        departmentName: s.departmentName,
        lineId: s.line.id,
        line: `様式3 人員計画 ${s.row}行目(${unit?.name ?? `組織 #${unitId}`} ${s.line.category} ${EMPLOYMENT_LABELS[s.line.employment]} 承認された増減 ${sign}人)`,
        reason: `${reason}。`,
      });
    }
  }
  return out;
}
