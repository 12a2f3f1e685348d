/** One 重点推進項目: its sheet, the secretariat's edit form with conflict handling, image attachments. */
import type { Hono } from "hono";
import { formatFiscalYear } from "../../../domain/era.js";
import { GyokakuError } from "../../../domain/errors.js";
import { planCellToText } from "../../../domain/reform.js";
import { unitChoices } from "../../../services/organisation.js";
import { addAttachment, attachmentImage } from "../../../services/reform/attachments.js";
import { EditConflict, updateItem } from "../../../services/reform/items.js";
import { getItem, type ItemView } from "../../../services/reform/read-model.js";
import { changesFromText, itemAsText, normaliseText, type TypedItem } from "../../../services/reform-transfer.js";
import { itemSheet } from "../../../services/reform-views.js";
import type { AppEnv } from "../../env.js";
import { ItemSheetPage } from "../../pages/reform-item.js";
import { formYears, type ItemFormValues, ItemEditPage } from "../../pages/reform-item-edit.js";
import { integerText, parseInput, queryParams } from "../../input.js";
import { requireSession, STATUS, tenantOf } from "../../request.js";
import { idParam, isKnown, checkStageTags } from "./common.js";
import { itemEditForm } from "./schemas.js";
import { requireAdmin } from "../../../services/authorization.js";

// ---------------------------------------------------------------------------
// Items

function formValuesOf(item: ItemView): ItemFormValues {
  const text = itemAsText(item);
  const { planYears, pastYears } = formYears(item);
  const plans: Record<number, string> = {};
  const results: Record<number, string> = {};
  planYears.forEach((fy, i) => (plans[fy] = text.plans[i] ?? ""));
  results[item.editionYear] = item.currentResult ? planCellToText(item.currentResult) : "";
  for (const fy of pastYears) {
    const h = item.history.find((x) => x.fiscalYear === fy);
    plans[fy] = h?.plan ? planCellToText(h.plan) : "";
    results[fy] = h?.result ? planCellToText(h.result) : "";
  }
  return { name: item.name, state: item.state, unitIds: item.unitIds, unitLabels: text.unitLabels, content: text.content, effect: text.effect, remarks: text.remarks, plans, results };
}

/**
 * The edit form read with its schema (reform/schemas.ts itemEditForm, built for the item's years): the version, and
 * what the form carried — a field it did not carry keeps the stored value. A malformed field is a 400 naming it.
 */
function readItemForm(item: ItemView, body: Record<string, unknown>): { version: number; typed: TypedItem; values: ItemFormValues } {
  const { planYears, pastYears } = formYears(item);
  const planFys = [...planYears, ...pastYears];
  const resultFys = [item.editionYear, ...pastYears];
  const form = parseInput(itemEditForm(planFys, resultFys), body);
  const text = (key: string) => (typeof form[key] === "string" ? (form[key] as string) : undefined);
  const plans: Record<number, string> = {};
  const results: Record<number, string> = {};
  for (const fy of planFys) {
    const t = text(`plan.${fy}`);
    if (t !== undefined) plans[fy] = t;
  }
  for (const fy of resultFys) {
    const t = text(`result.${fy}`);
    if (t !== undefined) results[fy] = t;
  }
  const typed: TypedItem = {
    ...(form.name !== undefined ? { name: form.name } : {}),
    ...(form.state !== undefined ? { state: form.state } : {}),
    ...(form.unitLabels !== undefined ? { unitLabels: form.unitLabels } : {}),
    ...(form.unitsShown !== undefined ? { unitIds: form.unit } : {}),
    ...(form.content !== undefined ? { content: form.content } : {}),
    ...(form.effect !== undefined ? { effect: form.effect } : {}),
    ...(form.remarks !== undefined ? { remarks: form.remarks } : {}),
    plans,
    results,
  };
  const stored = formValuesOf(item);
  const values: ItemFormValues = {
    name: typed.name ?? stored.name,
    state: typed.state ?? stored.state,
    unitIds: typed.unitIds ?? stored.unitIds,
    unitLabels: typed.unitLabels ?? stored.unitLabels,
    content: typed.content ?? stored.content,
    effect: typed.effect ?? stored.effect,
    remarks: typed.remarks ?? stored.remarks,
    plans: { ...stored.plans, ...plans },
    results: { ...stored.results, ...results },
  };
  return { version: form.version, typed, values };
}

/** Field by field, where the stored item and what this person typed differ. */
function itemConflictRows(theirs: ItemView, mine: ItemFormValues): { label: string; theirs: string; mine: string }[] {
  const stored = formValuesOf(theirs);
  const rows: { label: string; theirs: string; mine: string }[] = [];
  const add = (label: string, a: string, b: string) => {
    if (normaliseText(a) !== normaliseText(b)) rows.push({ label, theirs: a, mine: b });
  };
  add("事業名", stored.name, mine.name);
  add("区分", stored.state, mine.state);
  add("担当課", stored.unitLabels, mine.unitLabels);
  add("取組内容", stored.content, mine.content);
  for (const fy of Object.keys(stored.plans).map(Number).sort((a, b) => b - a)) add(`取組計画 ${formatFiscalYear(fy)}`, stored.plans[fy] ?? "", mine.plans[fy] ?? "");
  for (const fy of Object.keys(stored.results).map(Number).sort((a, b) => b - a)) add(`取組実績 ${formatFiscalYear(fy)}`, stored.results[fy] ?? "", mine.results[fy] ?? "");
  add("取組効果", stored.effect, mine.effect);
  add("備考", stored.remarks, mine.remarks);
  return rows;
}

const ITEM_NOTICES: Record<string, string> = {
  saved: "保存しました",
  nochange: "変更はありませんでした",
  added: "新規項目を追加しました。内容と担当課を入力してください",
};
export function registerItemRoutes(app: Hono<AppEnv>): void {
  // ---- one item ----
  app.get("/reform/items/:id", async (c) => {
    const session = requireSession(c);
    const sheet = await itemSheet(tenantOf(c, session), idParam(c.req.param("id"), "重点推進項目"));
    return c.html(<ItemSheetPage session={session} csrfToken={c.var.csrfToken} sheet={sheet} notice={ITEM_NOTICES[c.req.query("done") ?? ""]} />);
  });

  app.get("/reform/items/:id/edit", async (c) => {
    const session = requireSession(c);
    requireAdmin(session.actor, "重点推進項目を編集する");
    const tenant = tenantOf(c, session);
    const item = await getItem(tenant, idParam(c.req.param("id"), "重点推進項目"));
    // After an upload (?uploaded=<image id>); a value that is no integer is a 400 naming it.
    const { uploaded = 0 } = queryParams(c, { uploaded: integerText("画像番号") });
    const notice = uploaded > 0 ? `画像を登録しました(画像番号 ${uploaded})。本文に ![説明](${uploaded}) と書くと、その位置に表示されます` : ITEM_NOTICES[c.req.query("done") ?? ""];
    return c.html(<ItemEditPage session={session} csrfToken={c.var.csrfToken} item={item} units={await unitChoices(tenant)} values={formValuesOf(item)} version={item.version} notice={notice} />);
  });

  app.post("/reform/items/:id", async (c) => {
    const session = requireSession(c);
    requireAdmin(session.actor, "重点推進項目を編集する");
    const tenant = tenantOf(c, session);
    const item = await getItem(tenant, idParam(c.req.param("id"), "重点推進項目"));
    const body = await c.req.parseBody({ all: true });
    const { version, typed, values } = readItemForm(item, body);
    const units = await unitChoices(tenant);
    const changes = changesFromText(item, typed, units);
    if (Object.keys(changes).length === 0 && version === item.version) return c.redirect(`/reform/items/${item.id}?done=nochange`);
    try {
      // Only the cells this save changes: an untouched cell is never refused for what it already says.
      const changed = (kind: "plans" | "results") => Object.entries(typed[kind] ?? {}).filter(([fy]) => changes[kind]?.[Number(fy)] !== undefined);
      checkStageTags([
        ...changed("plans").map(([fy, text]) => ({ label: `取組計画 ${formatFiscalYear(Number(fy))}`, text })),
        ...changed("results").map(([fy, text]) => ({ label: `取組実績 ${formatFiscalYear(Number(fy))}`, text })),
      ]);
      await updateItem(tenant, session.actor, item.id, version, changes);
    } catch (error) {
      if (error instanceof EditConflict) {
        const conflict = { message: error.message, theirs: error.theirs, rows: itemConflictRows(error.theirs, values) };
        return c.html(<ItemEditPage session={session} csrfToken={c.var.csrfToken} item={error.theirs} units={units} values={values} version={error.theirs.version} conflict={conflict} />, 409);
      }
      if (!isKnown(error, "invalid_input", "conflict")) throw error;
      return c.html(<ItemEditPage session={session} csrfToken={c.var.csrfToken} item={item} units={units} values={values} version={version} error={error.message} />, STATUS[error.code]);
    }
    return c.redirect(`/reform/items/${item.id}?done=saved`);
  });

  app.post("/reform/items/:id/attachments", async (c) => {
    const session = requireSession(c);
    requireAdmin(session.actor, "画像を登録する");
    const tenant = tenantOf(c, session);
    const item = await getItem(tenant, idParam(c.req.param("id"), "重点推進項目"));
    const body = await c.req.parseBody();
    const upload = body["file"];
    try {
      if (!(upload instanceof File)) throw new GyokakuError("invalid_input", "画像ファイルを選んでください");
      const id = await addAttachment(tenant, session.actor, { itemId: item.id, filename: upload.name, bytes: new Uint8Array(await upload.arrayBuffer()) });
      return c.redirect(`/reform/items/${item.id}/edit?uploaded=${id}`);
    } catch (error) {
      if (!isKnown(error, "invalid_input")) throw error;
      return c.html(
        <ItemEditPage session={session} csrfToken={c.var.csrfToken} item={item} units={await unitChoices(tenant)} values={formValuesOf(item)} version={item.version} error={error.message} />,
        400,
      );
    }
  });

  app.get("/reform/attachments/:id", async (c) => {
    const session = requireSession(c);
    const { contentType, bytes } = await attachmentImage(tenantOf(c, session), idParam(c.req.param("id"), "画像"));
    c.header("content-type", contentType);
    c.header("cache-control", "private, max-age=3600");
    return c.body(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  });
}
