/** Images attached to an item's rich text. */
import type { TenantDb } from "../../db/tenant.js";
import { GyokakuError } from "../../domain/errors.js";
import type { Actor } from "../../domain/roles.js";
import { recordChange } from "../audit.js";
import { requireAdmin } from "../authorization.js";
import { getItem } from "./read-model.js";

export const ATTACHMENT_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"] as const;
export const MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024;

/** The image formats accepted, told by their first bytes rather than by what the browser claimed. */
function imageTypeOf(bytes: Uint8Array): (typeof ATTACHMENT_TYPES)[number] | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (starts(0x47, 0x49, 0x46, 0x38)) return "image/gif";
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return "image/webp";
  return null;
}

/** Stores an image for an item's rich text (referenced as ![説明](番号)); returns its number. */
export async function addAttachment(tenant: Pick<TenantDb, "audit" | "reformAttachments" | "reformEditions" | "reformItems" | "transaction">, actor: Actor, props: { itemId: number; filename: string; bytes: Uint8Array }): Promise<number> {
  requireAdmin(actor, "画像を登録する");
  if (props.bytes.length === 0) throw new GyokakuError("invalid_input", "ファイルが空です");
  if (props.bytes.length > MAX_ATTACHMENT_BYTES) throw new GyokakuError("invalid_input", "画像が大きすぎます (2MBまで)");
  const contentType = imageTypeOf(props.bytes);
  if (!contentType) throw new GyokakuError("invalid_input", "画像は PNG・JPEG・GIF・WebP のいずれかにしてください");
  return tenant.transaction(async (tx) => {
    const item = await getItem(tx, props.itemId);
    const filename = props.filename.replace(/[\\/\r\n]/g, "_").slice(0, 200) || "image";
    const row = await tx.reformAttachments.create({ lineageKey: item.lineageKey, filename, contentType, dataBase64: Buffer.from(props.bytes).toString("base64"), now: new Date().toISOString() });
    await recordChange(tx, actor, { action: "create", entity: "reform_attachment", entityId: row.id, summary: `画像を登録: ${filename} (${item.name})` });
    return row.id;
  });
}

/** An item's stored image by number, as bytes with the type it was stored with; a 404 when there is none. */
export async function attachmentImage(tenant: Pick<TenantDb, "reformAttachments">, id: number): Promise<{ contentType: string; bytes: Buffer }> {
  const row = await tenant.reformAttachments.get(id);
  if (!row) throw new GyokakuError("not_found", "画像が見つかりません");
  return { contentType: row.content_type, bytes: Buffer.from(row.data_base64, "base64") };
}
