import type { OrgUnitRow, ReorgEventRow } from "../db/schema.js";
import { storedUnitIds } from "../db/stored-json.js";
import type { TenantDb } from "../db/tenant.js";
import { formatFiscalYear } from "../domain/era.js";
import { GyokakuError } from "../domain/errors.js";
import { existsIn, isUnitKind, REORG_KIND_LABELS, storedUnitKind, type ReorgKind, REORG_KINDS, reorgShapeProblem, UNIT_KIND_LABELS, yearsLeftOutByValidity } from "../domain/organisation.js";
import type { Actor } from "../domain/roles.js";
import { NOT_SET, type ReadValues, requireReadSent, requireUnchanged } from "../domain/read-values.js";
import { sectorByCode, sectorText } from "../domain/sector.js";
import type { StaffingUnit } from "../domain/staffing.js";
import { recordChange } from "./audit.js";
import { toStaffingUnit } from "./staffing.js";
import { requireAdmin } from "./authorization.js";


function checkYear(value: number | null, label: string): void {
  if (value !== null && (!Number.isInteger(value) || value < 1868 || value > 9999)) {
    throw new GyokakuError("invalid_input", `${label}が不正です: ${value}`);
  }
}

function checkSector(sector: string | null | undefined): void {
  if (sector && !sectorByCode(sector)) throw new GyokakuError("invalid_input", `部門コード「${sector}」はありません`);
}

function snapshot(u: OrgUnitRow) {
  return { code: u.code, name: u.name, kind: u.kind, parentId: u.parent_id, validFrom: u.valid_from, validTo: u.valid_to, sector: u.sector };
}

/** A 組織改正 event as the organisation page lists it: the units by name, the kind by its label. */
export interface PresentedReorgEvent {
  id: number;
  fiscalYear: number;
  /** 新設, 廃止 … (the stored kind when it has no label). */
  kindLabel: string;
  /** 元の組織: the old name of a rename, else the units' names joined with 「、」 (#id for a unit no longer stored). */
  from: string;
  /** 改正後の組織: the new name of a rename, else the units' names. */
  to: string;
  note: string;
}

/**
 * A reorg_events row as the organisation page shows it; `nameOf` gives a unit's name by id.
 * @throws GyokakuError stored_data_invalid when from_unit_ids or to_unit_ids is not a JSON list of ids.
 */
export function presentReorgEvent(e: ReorgEventRow, nameOf: (unitId: number) => string): PresentedReorgEvent {
  const names = (json: string, column: string) => storedUnitIds(json, `reorg_events.${column} (#${e.id})`).map(nameOf).join("、");
  return {
    id: e.id,
    fiscalYear: e.fiscal_year,
    kindLabel: REORG_KIND_LABELS[e.kind as ReorgKind] ?? e.kind,
    from: e.kind === "rename" ? (e.old_name ?? "") : names(e.from_unit_ids, "from_unit_ids"),
    to: e.kind === "rename" ? (e.new_name ?? "") : names(e.to_unit_ids, "to_unit_ids"),
    note: e.note,
  };
}

/**
 * A unit as the organisation pages (/units, /units/:id/edit, /units/sectors) show and edit it: its place in the tree
 * (a StaffingUnit, so orderTree reads it), code, kind label, MIC 部門, 連絡先 and 備考. No municipality id or timestamps.
 */
export interface PresentedUnit extends StaffingUnit {
  code: string;
  /** 課, 部局 … (the stored kind itself when it is not a UnitKind). */
  kindLabel: string;
  /** MIC 部門 code (domain/sector.ts), or null when not yet mapped. */
  sector: string | null;
  /** The 部門's name ("" when unmapped; the code itself when it is not in the list). */
  sectorName: string;
  /** 連絡先 (内線・メール等). */
  contact: string;
  /** 備考. */
  note: string;
}

/** An org_units row as the organisation pages show it. */
export function presentUnit(row: OrgUnitRow): PresentedUnit {
  return {
    ...toStaffingUnit(row),
    code: row.code,
    kindLabel: UNIT_KIND_LABELS[storedUnitKind(row)],
    sector: row.sector,
    sectorName: row.sector === null ? "" : (sectorByCode(row.sector)?.name ?? row.sector),
    contact: row.contact,
    note: row.note,
  };
}

/** What the organisation page (/units) shows: every unit (it edits contact and note) and the presented 組織改正 history. */
export async function organisationPage(tenant: Pick<TenantDb, "units" | "reorgEvents">): Promise<{ units: PresentedUnit[]; events: PresentedReorgEvent[] }> {
  const [units, events] = await Promise.all([tenant.units.list(), tenant.reorgEvents.list()]);
  const byId = new Map(units.map((u) => [u.id, u.name]));
  return { units: units.map(presentUnit), events: events.map((e) => presentReorgEvent(e, (id) => byId.get(id) ?? `#${id}`)) };
}

/** Every unit of the municipality as the 図表11 page (/units/sectors) maps them to 部門. */
export async function presentedUnits(tenant: Pick<TenantDb, "units">): Promise<PresentedUnit[]> {
  return (await tenant.units.list()).map(presentUnit);
}

/**
 * One unit for its edit page (/units/:id/edit).
 * @throws GyokakuError not_found when the municipality has no unit `unitId`.
 */
export async function unitForEdit(tenant: Pick<TenantDb, "units">, unitId: number): Promise<PresentedUnit> {
  const row = await tenant.units.get(unitId);
  if (!row) throw new GyokakuError("not_found", "指定された組織はありません");
  return presentUnit(row);
}

/** A unit as a list of choices shows it (checkboxes of the users and reform item pages): no contact, note or dates. */
export interface UnitChoice {
  id: number;
  /** The unit's code, e.g. "210" (shown beside the name where codes are typed elsewhere). */
  code: string;
  name: string;
}

/** An org_units row as a choice. */
export function presentUnitChoice(row: Pick<OrgUnitRow, "id" | "code" | "name">): UnitChoice {
  return { id: row.id, code: row.code, name: row.name };
}

/** Every unit of the municipality (every year's, in the repository's order) as choices. */
export async function unitChoices(tenant: Pick<TenantDb, "units">): Promise<UnitChoice[]> {
  return (await tenant.units.list()).map(presentUnitChoice);
}

export interface CreateUnitProps {
  code: string;
  name: string;
  kind: string;
  parentId: number | null;
  sector: string | null;
  validFrom: number | null;
  validTo: number | null;
}

export async function createUnit(tenant: Pick<TenantDb, "audit" | "transaction" | "units">, actor: Actor, props: CreateUnitProps): Promise<OrgUnitRow> {
  requireAdmin(actor, "組織を変更する");
  const code = props.code.trim();
  const name = props.name.trim();
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(code)) throw new GyokakuError("invalid_input", `組織コード「${props.code}」は使えません (半角英数字と . _ -)`);
  if (name === "" || [...name].length > 100) throw new GyokakuError("invalid_input", "組織名は1～100文字で入力してください");
  if (!isUnitKind(props.kind)) throw new GyokakuError("invalid_input", `組織の区分「${props.kind}」はありません`);
  checkSector(props.sector);
  checkYear(props.validFrom, "設置年度");
  checkYear(props.validTo, "廃止年度");
  if (props.validFrom !== null && props.validTo !== null && props.validTo < props.validFrom) {
    throw new GyokakuError("invalid_input", "存続期間の終わりが始まりより前です");
  }
  return tenant.transaction(async (tx) => {
    if (await tx.units.getByCode(code)) throw new GyokakuError("conflict", `組織コード「${code}」は既に使われています`);
    if (props.parentId !== null && !(await tx.units.get(props.parentId))) throw new GyokakuError("invalid_input", "上位組織が見つかりません");
    const siblings = (await tx.units.list()).filter((u) => u.parent_id === props.parentId);
    const row = await tx.units.create({
      code,
      name,
      kind: props.kind,
      parentId: props.parentId,
      sortOrder: Math.max(0, ...siblings.map((u) => u.sort_order)) + 10,
      validFrom: props.validFrom,
      validTo: props.validTo,
      sector: props.sector,
      now: new Date().toISOString(),
    });
    await recordChange(tx, actor, { action: "create", entity: "org_unit", entityId: row.id, summary: `組織を登録: ${name}`, after: snapshot(row) });
    return row;
  });
}

export interface UpdateUnitProps {
  name?: string;
  sector?: string | null;
  validFrom?: number | null;
  validTo?: number | null;
  /**
   * The four fields as the writer read them (the edit form's hidden fields). With them a field left as read keeps
   * what is stored now, and a field changed here that someone else changed since it was read is a conflict (409).
   * null: a form post that left them out, refused (400) after the role and the unit are checked.
   */
  expected?: { name: string; sector: string | null; validFrom: number | null; validTo: number | null } | null;
}

const STRUCTURE_LABELS = { name: "名称", sector: "部門", validFrom: "設置年度", validTo: "最終年度" } as const;

/** props over what is stored now, with the fields the writer left as read keeping the stored value. @throws GyokakuError conflict naming both values */
function mergeStructure(unit: OrgUnitRow, props: UpdateUnitProps): UpdateUnitProps {
  const read = requireReadSent(props.expected);
  if (!read) return props;
  const stored = { name: unit.name, sector: unit.sector, validFrom: unit.valid_from, validTo: unit.valid_to };
  const merged: UpdateUnitProps = {};
  const conflicts: { field: keyof typeof STRUCTURE_LABELS; read: string | number | null; current: string | number | null; yours: string | number | null }[] = [];
  for (const key of ["name", "sector", "validFrom", "validTo"] as const) {
    const yours = key === "name" ? props.name?.trim() : props[key];
    if (yours === undefined) continue;
    const asRead = key === "name" ? read.name.trim() : read[key];
    if (yours === asRead) continue;
    if (stored[key] !== asRead && stored[key] !== yours) conflicts.push({ field: key, read: asRead, current: stored[key], yours });
    Object.assign(merged, { [key]: yours });
  }
  if (conflicts.length > 0) {
    const shown = (v: string | number | null) => (v === null || v === "" ? "(空欄)" : String(v));
    throw new GyokakuError(
      "conflict",
      conflicts.map((c) => `「${unit.name}」の${STRUCTURE_LABELS[c.field]}は、画面を開いた後に別の人が「${shown(c.read)}」→「${shown(c.current)}」に変更しています(あなたの入力:「${shown(c.yours)}」)`).join(" / ") +
        "。最新の内容を確認してから、もう一度保存してください",
      { conflicts },
    );
  }
  return merged;
}

/**
 * Refuses a change of units' validity that would leave recorded 職員数 outside it (domain yearsLeftOutByValidity): those
 * figures would stay stored but drop out of every total without a word. `changes`: each unit with its validity after
 * the change. @throws GyokakuError invalid_input naming the unit and the years, with what to do instead
 */
async function requireFiguresKept(
  tx: Pick<TenantDb, "headcounts">,
  changes: readonly { unit: OrgUnitRow; validFrom: number | null; validTo: number | null }[],
): Promise<void> {
  if (changes.length === 0) return;
  const rows = await tx.headcounts.list();
  const problems: string[] = [];
  for (const { unit, validFrom, validTo } of changes) {
    const years = yearsLeftOutByValidity({ validFrom, validTo }, rows.filter((r) => r.unit_id === unit.id).map((r) => r.fiscal_year));
    if (years.length === 0) continue;
    const shown = years.slice(0, 3).map(formatFiscalYear).join("、") + (years.length > 3 ? ` ほか${years.length - 3}年度` : "");
    problems.push(`「${unit.name}」には${shown}の職員数が登録されています。存続期間から外すとその人数がどの合計にも入らなくなるため、先にその年度の職員数を消すか他の組織に移してください`);
  }
  if (problems.length > 0) throw new GyokakuError("invalid_input", problems.join(" / "), { problems });
}

export async function updateUnit(tenant: Pick<TenantDb, "audit" | "headcounts" | "transaction" | "units">, actor: Actor, unitId: number, props: UpdateUnitProps): Promise<void> {
  requireAdmin(actor, "組織を変更する");
  if (props.name !== undefined && (props.name.trim() === "" || [...props.name.trim()].length > 100)) {
    throw new GyokakuError("invalid_input", "組織名は1～100文字で入力してください");
  }
  checkSector(props.sector);
  checkYear(props.validFrom ?? null, "設置年度");
  checkYear(props.validTo ?? null, "廃止年度");
  await tenant.transaction(async (tx) => {
    const unit = await tx.units.get(unitId);
    if (!unit) throw new GyokakuError("not_found", "指定された組織はありません");
    props = mergeStructure(unit, props);
    const from = props.validFrom === undefined ? unit.valid_from : props.validFrom;
    const to = props.validTo === undefined ? unit.valid_to : props.validTo;
    if (from !== null && to !== null && to < from) throw new GyokakuError("invalid_input", `「${unit.name}」の存続期間の終わりが始まりより前です`);
    await requireFiguresKept(tx, [{ unit, validFrom: from, validTo: to }]);
    await tx.units.update(unit.id, { name: props.name?.trim(), sector: props.sector, validFrom: props.validFrom, validTo: props.validTo }, new Date().toISOString());
    const after = await tx.units.get(unit.id);
    if (after && JSON.stringify(snapshot(after)) !== JSON.stringify(snapshot(unit))) {
      await recordChange(tx, actor, { action: "update", entity: "org_unit", entityId: unit.id, summary: `組織を更新: ${unit.name}`, before: snapshot(unit), after: snapshot(after) });
    }
  });
}

/**
 * Maps many units to MIC sectors at once (the 図表11 page). Codes not in the list are left as they are. With `read`
 * (the sectors the form showed by unit id, domain/sector.ts sectorText) a unit left as shown is not written, and one
 * changed here that someone else changed meanwhile is a conflict naming both values (domain/read-values.ts
 * requireUnchanged, issue 14 point 6). Without `read` (not from the form) every unit given is written.
 * @throws GyokakuError forbidden, invalid_input (an unknown sector), not_found (an unknown unit), conflict (nothing written)
 */
export async function setSectors(
  tenant: Pick<TenantDb, "audit" | "transaction" | "units">,
  actor: Actor,
  mapping: ReadonlyMap<number, string | null>,
  read?: ReadValues,
): Promise<number> {
  requireAdmin(actor, "組織を変更する");
  for (const sector of mapping.values()) checkSector(sector);
  return tenant.transaction(async (tx) => {
    const units = new Map((await tx.units.list()).map((u) => [u.id, u]));
    // Only the units changed on the form are written: one left as shown keeps whatever is stored now.
    const changedHere = [...mapping].filter(([unitId, sector]) => read === undefined || (read[String(unitId)] ?? NOT_SET) !== sectorText(sector));
    const known = changedHere.flatMap(([unitId, sector]) => {
      const unit = units.get(unitId);
      if (!unit) throw new GyokakuError("not_found", `組織 #${unitId} はありません`);
      return [{ unit, sector }];
    });
    requireUnchanged(
      read,
      known.map(({ unit, sector }) => ({ key: String(unit.id), label: `「${unit.name}」の部門`, stored: sectorText(unit.sector), yours: sectorText(sector) })),
    );
    let changed = 0;
    const now = new Date().toISOString();
    for (const { unit, sector } of known) {
      if (unit.sector === sector) continue;
      await tx.units.update(unit.id, { sector }, now);
      await recordChange(tx, actor, {
        action: "update",
        entity: "org_unit",
        entityId: unit.id,
        summary: `部門の対応を変更: ${unit.name}`,
        before: { sector: unit.sector === null ? null : (sectorByCode(unit.sector)?.name ?? unit.sector) },
        after: { sector: sector === null ? null : (sectorByCode(sector)?.name ?? sector) },
      });
      changed += 1;
    }
    return changed;
  });
}

export interface ReorganiseProps {
  fiscalYear: number;
  kind: string;
  /** Units the change takes from (must exist the year before). */
  fromUnitIds: number[];
  /** New units it creates (create, split, merge into a new unit). */
  newUnits: { code: string; name: string; sector: string | null }[];
  /** split: the original unit goes on beside the new ones (保健福祉部 after こども福祉部 was split off). merge: the unit among fromUnitIds that absorbs the others. */
  continuingUnitId?: number | null;
  /** create: where the new units go. Defaults to the parent of the first source unit. */
  parentId?: number | null;
  /** rename */
  newName?: string;
  note?: string;
}

/**
 * Records a 組織改正 (reorganisation) and applies it to the units' validity, so that history tables stay
 * comparable: units that end stop the year before, new units start in the year of the change.
 */
export async function reorganise(tenant: Pick<TenantDb, "audit" | "headcounts" | "reorgEvents" | "transaction" | "units">, actor: Actor, props: ReorganiseProps): Promise<ReorgEventRow> {
  requireAdmin(actor, "組織を変更する");
  if (!(REORG_KINDS as readonly string[]).includes(props.kind)) throw new GyokakuError("invalid_input", `組織改正の種類「${props.kind}」はありません`);
  const kind = props.kind as ReorgKind;
  const fy = props.fiscalYear;
  checkYear(fy, "年度");
  const fromIds = [...new Set(props.fromUnitIds)];
  const continuing = props.continuingUnitId ?? null;
  if (continuing !== null && !fromIds.includes(continuing)) throw new GyokakuError("invalid_input", "存続する組織は元の組織から選んでください");
  const toCount = kind === "rename" ? (props.newName?.trim() ? 1 : 0) : props.newUnits.length + (continuing !== null ? 1 : 0);
  const shape = reorgShapeProblem(kind, fromIds.length, toCount);
  if (shape) throw new GyokakuError("invalid_input", shape);
  for (const u of props.newUnits) checkSector(u.sector);

  return tenant.transaction(async (tx) => {
    const all = await tx.units.list();
    const byId = new Map(all.map((u) => [u.id, u]));
    const from = fromIds.map((id) => {
      const unit = byId.get(id);
      if (!unit) throw new GyokakuError("not_found", `組織 #${id} はありません`);
      const span = { validFrom: unit.valid_from, validTo: unit.valid_to };
      if (!existsIn(span, fy - 1) || !existsIn(span, fy)) {
        throw new GyokakuError("invalid_input", `「${unit.name}」は${formatFiscalYear(fy - 1)}から${formatFiscalYear(fy)}にかけて存在していないため、この組織改正の対象にできません`);
      }
      return unit;
    });
    const now = new Date().toISOString();
    const created: OrgUnitRow[] = [];
    const parentId = props.parentId !== undefined ? props.parentId : (from[0]?.parent_id ?? null);
    const kindOfNew = from[0]?.kind ?? "department";
    for (const spec of props.newUnits) {
      created.push(await createUnit(tx, actor, { code: spec.code, name: spec.name, kind: kindOfNew, parentId, sector: spec.sector ?? from[0]?.sector ?? null, validFrom: fy, validTo: null }));
    }
    let oldName: string | null = null;
    let newName: string | null = null;
    if (kind === "rename") {
      const unit = from[0];
      if (!unit) throw new GyokakuError("invalid_input", "名称変更する組織を指定してください");
      oldName = unit.name;
      newName = props.newName?.trim() ?? "";
      await tx.units.update(unit.id, { name: newName }, now);
    } else {
      // Everything that does not go on ends the year before the change, with its sub-units.
      const ending = from.filter((u) => u.id !== continuing);
      const endIds = new Set<number>();
      const collect = (id: number) => {
        endIds.add(id);
        for (const child of all.filter((u) => u.parent_id === id)) collect(child.id);
      };
      for (const u of ending) collect(u.id);
      const narrowed = [...endIds].map((id) => byId.get(id)).filter((u): u is OrgUnitRow => u !== undefined && (u.valid_to === null || u.valid_to >= fy));
      await requireFiguresKept(tx, narrowed.map((u) => ({ unit: u, validFrom: u.valid_from, validTo: fy - 1 })));
      for (const id of endIds) {
        const u = byId.get(id);
        if (u && (u.valid_to === null || u.valid_to >= fy)) await tx.units.update(id, { validTo: fy - 1 }, now);
      }
    }
    const toIds = kind === "rename" ? fromIds : [...(continuing !== null ? [continuing] : []), ...created.map((u) => u.id)];
    const event = await tx.reorgEvents.create({ fiscalYear: fy, kind, fromUnitIds: fromIds, toUnitIds: toIds, oldName, newName, note: props.note?.trim() ?? "", now });
    const names = (ids: number[]) => ids.map((id) => byId.get(id)?.name ?? created.find((u) => u.id === id)?.name ?? `#${id}`).join("、");
    await recordChange(tx, actor, {
      action: "create",
      entity: "reorg_event",
      entityId: event.id,
      summary: `組織改正(${REORG_KIND_LABELS[kind]}) ${formatFiscalYear(fy)}: ${kind === "rename" ? `${oldName} → ${newName}` : `${names(fromIds) || "—"} → ${names(toIds) || "—"}`}`,
      after: { fiscalYear: fy, kind, from: names(fromIds), to: names(toIds), note: props.note ?? "" },
    });
    return event;
  });
}
