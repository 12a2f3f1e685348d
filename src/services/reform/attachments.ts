/** Images attached to an item's rich text. */
import type { TenantDb } from "../../db/tenant.js";
import { GyokakuError } from "../../domain/errors.js";
import { readImageHeader } from "../../domain/image-header.js";
import type { Actor } from "../../domain/roles.js";
import { recordChange } from "../audit.js";
import { requireAdmin } from "../authorization.js";
import { getItem } from "./read-model.js";

export const ATTACHMENT_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"] as const;
export const MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024;

/** Stores an image for an item's rich text (referenced as ![説明](番号)); returns its number. */
export async function addAttachment(tenant: Pick<TenantDb, "audit" | "reformAttachments" | "reformEditions" | "reformItems" | "transaction">, actor: Actor, props: { itemId: number; filename: string; bytes: Uint8Array }): Promise<number> {
  requireAdmin(actor, "画像を登録する");
  if (props.bytes.length === 0) throw new GyokakuError("invalid_input", "ファイルが空です");
  if (props.bytes.length > MAX_ATTACHMENT_BYTES) throw new GyokakuError("invalid_input", "画像が大きすぎます (2MBまで)");
  // The format and pixel size from the file's own header (domain/image-header.ts): a cut or corrupt header, or a
  // picture too large to print, is refused before it can reach the public document.
  const header = readImageHeader(props.bytes, props.filename, ATTACHMENT_TYPES);
  if (!header.ok) throw new GyokakuError("invalid_input", header.problem);
  const contentType = header.format;
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
