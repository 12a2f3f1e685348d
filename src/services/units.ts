import type { OrgUnitRow } from "../db/schema.js";
import type { TenantDb } from "../db/tenant.js";
import { GyokakuError } from "../domain/errors.js";
import { requireReadSent } from "../domain/read-values.js";
import { type Actor, canWriteUnit } from "../domain/roles.js";
import { recordChange } from "./audit.js";

export interface UpdateUnitContactProps {
  unitId: number;
  /** 連絡先 (e.g. 内線 1234, a mail address) */
  contact: string;
  /** 備考 */
  note: string;
  /** The two fields as the writer read them (null: a form post without them, refused 400 after the role check): then only the fields changed from them are written, and one changed meanwhile is a 409. */
  expected?: { contact: string; note: string } | null;
}

const MAX_CONTACT = 200;
const MAX_NOTE = 2000;

export async function updateUnitContact(tenant: Pick<TenantDb, "audit" | "transaction" | "units">, actor: Actor, props: UpdateUnitContactProps): Promise<OrgUnitRow> {
  let contact = props.contact.trim();
  let note = props.note.trim();
  if ([...contact].length > MAX_CONTACT) throw new GyokakuError("invalid_input", `連絡先は${MAX_CONTACT}文字以内にしてください`);
  if ([...note].length > MAX_NOTE) throw new GyokakuError("invalid_input", `備考は${MAX_NOTE}文字以内にしてください`);
  return tenant.transaction(async (tx) => {
    const unit = await tx.units.get(props.unitId);
    if (!unit) throw new GyokakuError("not_found", "指定された組織はありません");
    if (!canWriteUnit(actor, unit.id)) throw new GyokakuError("forbidden", `「${unit.name}」を編集する権限がありません`);
    const expected = requireReadSent(props.expected);
    if (expected) {
      const read = { contact: expected.contact.trim(), note: expected.note.trim() };
      const labels = { contact: "連絡先", note: "備考" } as const;
      const conflicts = (["contact", "note"] as const).filter((k) => ({ contact, note })[k] !== read[k] && unit[k] !== read[k] && unit[k] !== ({ contact, note })[k]);
      if (conflicts.length > 0) {
        throw new GyokakuError(
          "conflict",
          conflicts.map((k) => `「${unit.name}」の${labels[k]}は、画面を開いた後に別の人が「${read[k]}」→「${unit[k]}」に変更しています(あなたの入力:「${k === "contact" ? contact : note}」)`).join(" / ") + "。最新の内容を確認してから、もう一度保存してください",
          { conflicts: conflicts.map((k) => ({ field: k, read: read[k], current: unit[k], yours: k === "contact" ? contact : note })) },
        );
      }
      // A field left as read keeps what is stored now (someone else's newer value is not reverted).
      if (contact === read.contact) contact = unit.contact;
      if (note === read.note) note = unit.note;
    }
    if (unit.contact === contact && unit.note === note) return unit;
    const now = new Date().toISOString();
    await tx.units.updateContact(unit.id, { contact, note, now });
    await recordChange(tx, actor, {
      action: "update",
      entity: "org_unit",
      entityId: unit.id,
      summary: `組織の連絡先・備考を更新: ${unit.name}`,
      before: { contact: unit.contact, note: unit.note },
      after: { contact, note },
    });
    return { ...unit, contact, note, updated_at: now };
  });
}

/** Resolves `--unit` values: a unit code, or a name that only one unit has. */
export async function resolveUnitCodes(tenant: Pick<TenantDb, "units">, values: readonly string[]): Promise<string[]> {
  const units = await tenant.units.list();
  return values.map((value) => {
    const v = value.trim();
    const byCode = units.find((u) => u.code === v);
    if (byCode) return byCode.code;
    const byName = units.filter((u) => u.name === v);
    if (byName.length === 1 && byName[0]) return byName[0].code;
    if (byName.length > 1) throw new GyokakuError("invalid_input", `組織名「${v}」に当たる組織が複数あります。組織コードで指定してください`);
    throw new GyokakuError("invalid_input", `組織「${v}」が見つかりません`);
  });
}

/** Every unit's id and name (former units included), for pages that name units outside the one they show. */
export async function unitNames(tenant: Pick<TenantDb, "units">): Promise<{ id: number; name: string }[]> {
  return (await tenant.units.list()).map((u) => ({ id: u.id, name: u.name }));
}

/** One unit of this municipality by id; a 404 「指定された組織はありません」 when there is none. */
export async function unitOf(tenant: Pick<TenantDb, "units">, unitId: number): Promise<OrgUnitRow> {
  const unit = await tenant.units.get(unitId);
  if (!unit) throw new GyokakuError("not_found", "指定された組織はありません");
  return unit;
}

/** The ids of every unit of this municipality, whatever their years (a posted grid names only these). */
export async function unitIdsOf(tenant: Pick<TenantDb, "units">): Promise<Set<number>> {
  return new Set((await tenant.units.list()).map((u) => u.id));
}

/** The ids of the units with these codes (codes not found are left out, as the repository does). */
export async function unitIdsOfCodes(tenant: Pick<TenantDb, "units">, codes: readonly string[]): Promise<number[]> {
  return (await tenant.units.listByCodes([...codes])).map((u) => u.id);
}
