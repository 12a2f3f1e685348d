/**
 * 公表 → 基本方針: the stored narrative of each edition's document and the images of its figures — reading, editing
 * (admin only, audited, one transaction) and carrying them into the next edition (called by startNextEdition).
 */
import type { TenantDb } from "../db/tenant.js";
import { formatFiscalYear } from "../domain/era.js";
import { GyokakuError } from "../domain/errors.js";
import { readImageHeader } from "../domain/image-header.js";
import { requireReadSent } from "../domain/read-values.js";
import type { Actor } from "../domain/roles.js";
import { NARRATIVE_SECTIONS, validateNarrative } from "../report/document/narrative.js";
import { recordChange } from "./audit.js";
import { requireAdmin } from "./authorization.js";

async function requireEditionYear(tx: Pick<TenantDb, "reformEditions">, fiscalYear: number): Promise<void> {
  if (!(await tx.reformEditions.getByYear(fiscalYear))) throw new GyokakuError("not_found", `${formatFiscalYear(fiscalYear)}の基本方針(版)はありません`);
}

/** The stored narrative of an edition, every section present ("" when never written). */
export async function narrativesOf(tenant: Pick<TenantDb, "policyNarratives">, fiscalYear: number): Promise<Map<string, string>> {
  const rows = await tenant.policyNarratives.list(fiscalYear);
  const stored = new Map(rows.map((r) => [r.key, r.text]));
  return new Map(NARRATIVE_SECTIONS.map((s) => [s.key, stored.get(s.key) ?? ""]));
}

/**
 * Saves edited narrative sections of an edition (admin only), one transaction, one audit entry per changed section.
 * @throws GyokakuError forbidden / not_found (no such edition) / invalid_input (unknown section or fact, bad 発行年月).
 */
export async function saveNarratives(
  tenant: Pick<TenantDb, "audit" | "policyNarratives" | "reformEditions" | "transaction">,
  actor: Actor,
  fiscalYear: number,
  texts: Readonly<Record<string, string>>,
  /**
   * The sections as the form read them (hidden r:<key>): a section left as read is not written; one changed meanwhile
   * is a 409. null: a form post without them (a section posted without its r:<key>), refused (400) after the role and
   * the edition are checked; undefined: no check (callers that are not a form: the CLI, tests).
   */
  expectedOrMissing?: Readonly<Record<string, string>> | null,
): Promise<number> {
  requireAdmin(actor, "基本方針の本文を編集する");
  const expected = expectedOrMissing ?? undefined;
  const read = (key: string) => (expected?.[key] ?? "").replace(/\r\n?/g, "\n").trim();
  let cleaned = Object.entries(texts).map(([key, text]) => [key, validateNarrative(key, text)] as const);
  if (expected) cleaned = cleaned.filter(([key, text]) => !(key in expected) || text !== read(key));
  return tenant.transaction(async (tx) => {
    await requireEditionYear(tx, fiscalYear);
    requireReadSent(expectedOrMissing);
    const before = await narrativesOf(tx, fiscalYear);
    if (expected) {
      const label = (key: string) => NARRATIVE_SECTIONS.find((s) => s.key === key)?.label ?? key;
      const conflicts = cleaned.filter(([key, text]) => key in expected && (before.get(key) ?? "") !== read(key) && (before.get(key) ?? "") !== text);
      if (conflicts.length > 0) {
        throw new GyokakuError(
          "conflict",
          conflicts.map(([key, text]) => `「${label(key)}」は、画面を開いた後に別の人が「${read(key)}」→「${before.get(key) ?? ""}」に変更しています(あなたの入力:「${text}」)`).join(" / ") +
            "。最新の内容を確認してから、もう一度保存してください",
          { conflicts: conflicts.map(([key, text]) => ({ key, read: read(key), current: before.get(key) ?? "", yours: text })) },
        );
      }
    }
    const now = new Date().toISOString();
    let changed = 0;
    for (const [key, text] of cleaned) {
      if ((before.get(key) ?? "") === text) continue;
      await tx.policyNarratives.set({ fiscalYear, key, text, updatedBy: actor.username, now });
      await recordChange(tx, actor, {
        action: "update",
        entity: "policy_narrative",
        entityId: `${fiscalYear}/${key}`,
        summary: `基本方針 ${formatFiscalYear(fiscalYear)} の本文「${NARRATIVE_SECTIONS.find((s) => s.key === key)?.label ?? key}」を更新`,
        before: before.get(key) ?? "",
        after: text,
      });
      changed += 1;
    }
    return changed;
  });
}

/**
 * Copies an edition's narrative (and figure images) into the next edition as its starting point, leaving sections
 * the next edition already has. Called inside startNextEdition's transaction; the 発行年月 is not carried.
 */
export async function carryNarratives(tx: Pick<TenantDb, "policyFigureImages" | "policyNarratives">, actor: Actor, fromYear: number, toYear: number): Promise<number> {
  const [source, target, images, targetImages] = await Promise.all([
    tx.policyNarratives.list(fromYear),
    tx.policyNarratives.list(toYear),
    tx.policyFigureImages.list(fromYear),
    tx.policyFigureImages.list(toYear),
  ]);
  const have = new Set(target.map((r) => r.key));
  const now = new Date().toISOString();
  let carried = 0;
  for (const row of source) {
    if (have.has(row.key) || row.key === "issued") continue;
    await tx.policyNarratives.set({ fiscalYear: toYear, key: row.key, text: row.text, updatedBy: actor.username, now });
    carried += 1;
  }
  const haveImages = new Set(targetImages.map((r) => r.key));
  for (const img of images) {
    if (haveImages.has(img.key)) continue;
    await tx.policyFigureImages.set({ fiscalYear: toYear, key: img.key, filename: img.filename, contentType: img.content_type, dataBase64: img.data_base64, updatedBy: actor.username, now });
  }
  return carried;
}

export const FIGURE_IMAGE_KEYS = { ppp: "PPP/PFI 概念図", dx: "DX推進体制" } as const;
export type FigureImageKey = keyof typeof FIGURE_IMAGE_KEYS;
/** 図表1・2 are printed in the PDF and shown on the site: PNG or JPEG. */
const FIGURE_IMAGE_TYPES = ["image/png", "image/jpeg"] as const;
const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

/**
 * Stores the image of 図表 PPP/PFI or DX推進体制 for an edition (admin only). PNG or JPEG, at most 2 MB; the type and
 * the pixel size are read from the file's own header (domain/image-header.ts), not from its name: a cut or corrupt
 * header, or a picture over 10,000 px a side, is refused.
 */
export async function setFigureImage(tenant: Pick<TenantDb, "audit" | "policyFigureImages" | "reformEditions" | "transaction">, actor: Actor, props: { fiscalYear: number; key: string; filename: string; bytes: Uint8Array }): Promise<void> {
  requireAdmin(actor, "基本方針の図を登録する");
  if (!(props.key in FIGURE_IMAGE_KEYS)) throw new GyokakuError("invalid_input", `図の区分「${props.key}」はありません`);
  if (props.bytes.length === 0) throw new GyokakuError("invalid_input", "画像ファイルが空です");
  if (props.bytes.length > MAX_IMAGE_BYTES) throw new GyokakuError("invalid_input", `画像は2MB以内にしてください (${Math.ceil(props.bytes.length / 1024)}KB)`);
  const header = readImageHeader(props.bytes, props.filename, FIGURE_IMAGE_TYPES);
  if (!header.ok) throw new GyokakuError("invalid_input", header.problem);
  const type = header.format;
  await tenant.transaction(async (tx) => {
    await requireEditionYear(tx, props.fiscalYear);
    await tx.policyFigureImages.set({
      fiscalYear: props.fiscalYear,
      key: props.key,
      filename: props.filename.slice(0, 255),
      contentType: type,
      dataBase64: Buffer.from(props.bytes).toString("base64"),
      updatedBy: actor.username,
      now: new Date().toISOString(),
    });
    await recordChange(tx, actor, {
      action: "update",
      entity: "policy_figure_image",
      entityId: `${props.fiscalYear}/${props.key}`,
      summary: `基本方針 ${formatFiscalYear(props.fiscalYear)} の図「${FIGURE_IMAGE_KEYS[props.key as FigureImageKey]}」を登録: ${props.filename}`,
    });
  });
}


/** The figure images registered for the policy document of one fiscal year (each key at most once). */
export async function figureImagesOf(tenant: Pick<TenantDb, "policyFigureImages">, fiscalYear: number) {
  return tenant.policyFigureImages.list(fiscalYear);
}
