/** Editions of the 基本方針: creating one, starting the next year's from the last, and the yearly summary. */
import type { TenantDb } from "../../db/tenant.js";
import { formatFiscalYear } from "../../domain/era.js";
import { GyokakuError } from "../../domain/errors.js";
import { type CarryCandidate, type CarryPreview, carriedPlanColumns, previewCarryOver } from "../../domain/edition-carry.js";
import { ITEM_STATES } from "../../domain/reform.js";
import { NOT_SET, type ReadValues, requireUnchanged } from "../../domain/read-values.js";
import type { Actor } from "../../domain/roles.js";
import { recordChange } from "../audit.js";
import { carryNarratives } from "../policy-narratives.js";
import { requireAdmin } from "../authorization.js";
import { editionItems, type ItemView, requireEdition } from "./read-model.js";
import { evaluationsOf } from "./verification.js";

export async function createEdition(tenant: Pick<TenantDb, "audit" | "reformEditions" | "transaction">, actor: Actor, props: { fiscalYear: number; title?: string }): Promise<number> {
  requireAdmin(actor, "基本方針の版を作成する");
  if (!Number.isInteger(props.fiscalYear) || props.fiscalYear < 1989 || props.fiscalYear > 9999) throw new GyokakuError("invalid_input", `年度が不正です: ${props.fiscalYear}`);
  return tenant.transaction(async (tx) => {
    if (await tx.reformEditions.getByYear(props.fiscalYear)) throw new GyokakuError("conflict", `${formatFiscalYear(props.fiscalYear)}の版は既にあります`);
    const edition = await tx.reformEditions.create({ fiscalYear: props.fiscalYear, title: props.title ?? `行政改革基本方針 ${formatFiscalYear(props.fiscalYear)}`, now: new Date().toISOString() });
    await recordChange(tx, actor, { action: "create", entity: "reform_edition", entityId: edition.id, summary: `基本方針の版を作成: ${formatFiscalYear(props.fiscalYear)}` });
    return edition.id;
  });
}

async function carryCandidates(tx: Pick<TenantDb, "reformEditions" | "reformItems" | "reformVerifications">, fromYear: number): Promise<CarryCandidate[]> {
  const items = await editionItems(tx, fromYear);
  const verifications = await tx.reformVerifications.list(fromYear);
  return items.map((item) => ({
    number: item.number,
    name: item.name,
    state: item.state,
    decision: verifications.find((v) => v.lineage_key === item.lineageKey)?.decision ?? null,
    result: item.currentResult,
    plans: item.plans,
  }));
}

/**
 * What 「次年度の版を作成」 will carry, drop and add (issue 13 point 4), before anything is written: shown for
 * confirmation. not_found when the edition does not exist; conflict when the next one already does.
 */
export async function previewNextEdition(tenant: Pick<TenantDb, "reformEditions" | "reformItems" | "reformVerifications">, actor: Actor, fromYear: number): Promise<CarryPreview> {
  requireAdmin(actor, "次年度の版を作成する");
  await requireEdition(tenant, fromYear);
  if (await tenant.reformEditions.getByYear(fromYear + 1)) throw new GyokakuError("conflict", `${formatFiscalYear(fromYear + 1)}の版は既にあります`);
  return previewCarryOver(await carryCandidates(tenant, fromYear), fromYear, formatFiscalYear);
}

/** The key of the added plan columns in the next-edition preview's values read. */
const ADDED_COLUMNS_KEY = "columns";

/**
 * What the 次年度の版 preview shows, as its form's hidden values read (domain/read-values.ts): each item's fate by its
 * number (「「窓口DX」を引き継ぐ(そのまま)」「「RPA」は外れる(区分が「完了」)」) and the columns added. One describer for
 * the page and for startNextEdition's check, so a preview nobody changed always compares equal.
 */
export function nextEditionReadValues(preview: CarryPreview): ReadValues {
  return {
    ...Object.fromEntries(preview.carried.map((i) => [String(i.number), `「${i.name}」を引き継ぐ(${i.changes.length > 0 ? i.changes.join("、") : "そのまま"})`])),
    ...Object.fromEntries(preview.dropped.map((i) => [String(i.number), `「${i.name}」は外れる(${i.reason})`])),
    [ADDED_COLUMNS_KEY]: preview.addedYears.length > 0 ? preview.addedYears.map((fy) => `${formatFiscalYear(fy)}以降`).join("、") : "なし",
  };
}

/** What startNextEdition reads and writes of the municipality's repositories (a type error to reach another). */
export type StartNextEditionDb = Pick<TenantDb, "audit" | "policyFigureImages" | "policyNarratives" | "reformEditions" | "reformItems" | "reformVerifications" | "transaction">;

/**
 * Starts the next edition from an existing one: items go on as 継続 unless they were marked 完了 (or the
 * headquarters decided 完了 for the year); every plan and result cell is carried, a 同左 that becomes the first
 * column is replaced by what it stood for, and the new last column ("and later") reads 同左. The earlier edition
 * stays as it was. When an item leaves as 完了 without an approved result, confirmation_required unless
 * `confirmed` (the preview showed it). `read`: the preview the form showed (nextEditionReadValues); an item whose fate
 * changed since (someone marked it 完了, added or renamed one) is a conflict naming both, nothing created (issue 14
 * point 6: the confirmation is of what was shown). Without `read` (not from the preview form) no check.
 * @throws GyokakuError forbidden, not_found, conflict (the next edition exists, the preview changed), confirmation_required
 */
export async function startNextEdition(
  tenant: StartNextEditionDb,
  actor: Actor,
  fromYear: number,
  options: { confirmed?: boolean; read?: ReadValues } = {},
): Promise<{ editionId: number; carried: number; completed: string[] }> {
  requireAdmin(actor, "次年度の版を作成する");
  return tenant.transaction(async (tx) => {
    const from = await requireEdition(tx, fromYear);
    const nextYear = fromYear + 1;
    if (await tx.reformEditions.getByYear(nextYear)) throw new GyokakuError("conflict", `${formatFiscalYear(nextYear)}の版は既にあります`);
    const preview = previewCarryOver(await carryCandidates(tx, fromYear), fromYear, formatFiscalYear);
    const shown = options.read;
    if (shown !== undefined) {
      const now = nextEditionReadValues(preview);
      const keys = [...new Set([...Object.keys(now), ...Object.keys(shown)])];
      const label = (key: string) => `${formatFiscalYear(nextYear)}の版で${key === ADDED_COLUMNS_KEY ? "追加される列" : `項目(${key})の扱い`}`;
      requireUnchanged(shown, keys.map((key) => ({ key, label: label(key), stored: now[key] ?? NOT_SET, yours: "この内容で作成" })));
    }
    if (preview.warnings.length > 0 && !options.confirmed) {
      throw new GyokakuError("confirmation_required", `確認が必要です: ${preview.warnings.join(" / ")}`, { warnings: preview.warnings });
    }
    const now = new Date().toISOString();
    const edition = await tx.reformEditions.create({ fiscalYear: nextYear, title: `行政改革基本方針 ${formatFiscalYear(nextYear)}`, now });
    const items = await tx.reformItems.listByEdition(from.id);
    const views = await editionItems(tx, fromYear);
    const verifications = await tx.reformVerifications.list(fromYear);
    const cells = await tx.reformItems.cells(items.map((i) => i.id));
    const units = await tx.reformItems.unitIds(items.map((i) => i.id));
    const completed: string[] = [];
    let number = 0;
    for (const item of items) {
      const decision = verifications.find((v) => v.lineage_key === item.lineage_key)?.decision;
      if (item.state === "完了" || decision === "完了") {
        completed.push(item.name);
        continue;
      }
      number += 1;
      const copy = await tx.reformItems.create({
        editionId: edition.id,
        lineageKey: item.lineage_key,
        number,
        name: item.name,
        state: "継続",
        unit_labels_json: item.unit_labels_json,
        content_json: item.content_json,
        effect_json: item.effect_json,
        remarks_json: item.remarks_json,
        updatedBy: actor.username,
        now,
      });
      await tx.reformItems.setUnits(copy.id, units.filter((u) => u.item_id === item.id).map((u) => u.unit_id));
      for (const cell of cells.filter((c) => c.item_id === item.id)) {
        await tx.reformItems.setCell(copy.id, cell.fiscal_year, cell.kind === "result" ? "result" : "plan", { stage: cell.stage, linesJson: cell.lines_json, sameAsLeft: cell.same_as_left === 1 });
      }
      const plans = views.find((v) => v.id === item.id)?.plans ?? {};
      const carriedColumns = carriedPlanColumns(plans, fromYear);
      for (const fy of [...carriedColumns.resolved, ...(carriedColumns.addedLast === null ? [] : [carriedColumns.addedLast])]) {
        const cell = carriedColumns.cells[fy];
        if (cell) await tx.reformItems.setCell(copy.id, fy, "plan", { stage: cell.stage, linesJson: JSON.stringify(cell.lines), sameAsLeft: cell.sameAsLeft === true });
      }
    }
    // The document's narrative starts from last year's text (公表 → 基本方針).
    await carryNarratives(tx, actor, fromYear, nextYear);
    await recordChange(tx, actor, {
      action: "create",
      entity: "reform_edition",
      entityId: edition.id,
      summary: `${formatFiscalYear(nextYear)}の版を作成 (継続 ${number}件${completed.length > 0 ? `、完了 ${completed.length}件` : ""})`,
      after: { carried: preview.carried, dropped: preview.dropped, addedYears: preview.addedYears },
    });
    return { editionId: edition.id, carried: number, completed };
  });
}

export interface EditionSummary {
  fiscalYear: number;
  /** Items by stage of the edition year's plan, with the previous edition's count. */
  byStage: { stage: string; count: number; previous: number | null }[];
  /** Items by evaluation of the year before the edition, with the year before that. */
  byEvaluation: { evaluation: string; count: number; previous: number | null }[];
  byState: { state: string; count: number }[];
}

export async function editionSummary(
  tenant: Pick<TenantDb, "reformEditions" | "reformItems" | "reformVerifications" | "settings">,
  fiscalYear: number,
  /** What the caller has already read for the same year (the overview page), so it is not read twice. */
  preloaded: { items?: ItemView[]; evaluations?: string[] } = {},
): Promise<EditionSummary> {
  const items = preloaded.items ?? (await editionItems(tenant, fiscalYear));
  const previousEdition = await tenant.reformEditions.getByYear(fiscalYear - 1);
  const previousItems = previousEdition ? await editionItems(tenant, fiscalYear - 1) : null;
  const stageOf = (views: ItemView[], fy: number) => views.map((v) => v.plans[fy]?.stage ?? "(なし)");
  const count = (values: string[], key: string) => values.filter((v) => v === key).length;
  const stages = ["実施", "継続実施", "一部実施", "調査検討", "(なし)"];
  const current = stageOf(items, fiscalYear);
  const previous = previousItems ? stageOf(previousItems, fiscalYear - 1) : null;
  const evaluations = preloaded.evaluations ?? (await evaluationsOf(tenant));
  const thisYear = (await tenant.reformVerifications.list(fiscalYear - 1)).filter((v) => items.some((i) => i.lineageKey === v.lineage_key)).map((v) => v.evaluation);
  const lastYear = previousItems ? (await tenant.reformVerifications.list(fiscalYear - 2)).map((v) => v.evaluation) : null;
  return {
    fiscalYear,
    byStage: stages.map((s) => ({ stage: s, count: count(current, s), previous: previous ? count(previous, s) : null })).filter((r) => r.count > 0 || (r.previous ?? 0) > 0),
    byEvaluation: evaluations.map((e) => ({ evaluation: e, count: count(thisYear, e), previous: lastYear ? count(lastYear, e) : null })),
    byState: ITEM_STATES.map((s) => ({ state: s, count: items.filter((i) => i.state === s).length })),
  };
}
