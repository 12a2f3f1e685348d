/** 年齢構成 (age profile by unit and cohort): the grid, its exports and the import. */
import { MAX_UPLOAD_BYTES } from "../../body-limit.js";
import type { Hono } from "hono";
import { formatFiscalYear } from "../../../domain/era.js";
import { GyokakuError, isGyokakuError } from "../../../domain/errors.js";
import { existsIn } from "../../../domain/organisation.js";
import { cohortLabel } from "../../../domain/retirement.js";
import { canAdminister, canWriteUnit } from "../../../domain/roles.js";
import { parseAgeCount } from "../../../io/age-profile.js";
import type { ImportProblem } from "../../../io/problems.js";
import type { SessionContext } from "../../../services/auth.js";
import { AgeProfileImportRejected, type AgeProfileFile, importAgeProfileFile, previewAgeProfileImportFor } from "../../../services/age-profile-import.js";
import { exportAgeProfile } from "../../../services/age-profile-transfer.js";
import { confirmedBasis } from "../../../services/import-basis.js";
import { saveAgeProfile, schedulesOf } from "../../../services/retirement-planning.js";
import { ageProfileBaseYears, type UnitOption, unitAgeProfile, unitOptions, unitsWithAgeProfile } from "../../../services/retirement-views.js";
import type { AppEnv } from "../../env.js";
import { AgeProfilePage, type AgeProfilePageProps, type CategoryColumn } from "../../pages/retirement-age-profile.js";
import type { AgeImportCarried } from "../../pages/retirement-age-import.js";
import type { RowProblemView } from "../../pages/staffing-common.js";
import { countCell, postedGrid, readPostedGrid } from "../../posted-grid.js";
import { currentFiscalYear, encodingParam, fileResponse, requireSession, tenantOf, uploadedFile } from "../../request.js";
import { parseInput } from "../../input.js";
import { AgeExportQuery, AgeImportFields, AgeProfileFormFields, AgeProfileQuery } from "./schemas.js";
import { categoryColumns, type Ctx } from "./common.js";
import { requireAdmin, requireSomeUnitWriter } from "../../../services/authorization.js";

/** Rows of the age grid: the ages staff can plausibly be in the base year, plus any stored outside them. */
const GRID_MIN_AGE = 18;
const GRID_MAX_AGE = 70;

// ---------------------------------------------------------------------------
// Age profiles

interface AgeProfileView {
  unitId?: number;
  year?: number;
  add?: string;
  entered?: Record<string, string>;
  /** The cells as the refused form had read them (see ageCellsText). */
  read?: string;
  problems?: RowProblemView[];
  importProblems?: ImportProblem[];
  importError?: string;
  importPreview?: AgeProfilePageProps["importPreview"];
  notice?: string;
}

async function renderAgeProfile(c: Ctx, session: SessionContext, view: AgeProfileView, status: 200 | 400 | 403 | 409 = 200) {
  const tenant = tenantOf(c, session);
  const actor = session.actor;
  const [baseYears, allUnits, schedules] = await Promise.all([ageProfileBaseYears(tenant), unitOptions(tenant), schedulesOf(tenant)]);
  const baseYear = view.year ?? baseYears[baseYears.length - 1] ?? currentFiscalYear();
  const units = allUnits.filter((u) => existsIn(u, baseYear));
  const withProfile = await unitsWithAgeProfile(tenant, baseYear);
  let unit: UnitOption | null;
  if (view.unitId !== undefined) {
    unit = allUnits.find((u) => u.id === view.unitId) ?? null;
    if (!unit) throw new GyokakuError("not_found", "指定された組織はありません");
    if (!existsIn(unit, baseYear)) throw new GyokakuError("invalid_input", `「${unit.name}」は${formatFiscalYear(baseYear)}には存在しません`);
  } else {
    const own = actor.role === "editor" ? units.find((u) => actor.unitIds.includes(u.id)) : undefined;
    unit = own ?? units.find((u) => withProfile.has(u.id)) ?? units[0] ?? null;
  }
  const allCategories = categoryColumns(schedules);
  const stored = unit ? await unitAgeProfile(tenant, unit.id, baseYear) : [];
  const used = new Set(["general", ...stored.map((r) => r.category)]);
  if (view.add) {
    if (!allCategories.some((c) => c.code === view.add)) throw new GyokakuError("invalid_input", `職種「${view.add}」の定年が定められていません`);
    used.add(view.add);
  }
  // Columns of posted fields stay visible when a refused form comes back.
  for (const name of Object.keys(view.entered ?? {})) {
    const category = name.split(".")[2];
    if (category && allCategories.some((c) => c.code === category)) used.add(category);
  }
  const columns = allCategories.filter((c) => used.has(c.code));
  const cohorts = new Set<number>();
  for (let age = GRID_MAX_AGE; age >= GRID_MIN_AGE; age--) cohorts.add(baseYear - age);
  for (const r of stored) cohorts.add(r.cohort);
  const props: AgeProfilePageProps = {
    session,
    csrfToken: c.var.csrfToken,
    units,
    unitsWithProfile: withProfile,
    unit,
    baseYear,
    yearTyped: String(baseYear),
    baseYears,
    columns,
    allCategories,
    cohorts: [...cohorts].sort((a, b) => a - b),
    stored: new Map(stored.map((r) => [`${r.cohort}/${r.category}`, r.count])),
    writable: unit !== null && canWriteUnit(actor, unit.id),
    ...(view.entered ? { entered: view.entered } : {}),
    ...(view.read !== undefined ? { read: view.read } : {}),
    ...(view.problems ? { problems: view.problems } : {}),
    canImport: canAdminister(actor),
    ...(view.importProblems ? { importProblems: view.importProblems } : {}),
    ...(view.importError ? { importError: view.importError } : {}),
    ...(view.importPreview ? { importPreview: view.importPreview } : {}),
    ...(view.notice ? { notice: view.notice } : {}),
  };
  return c.html(<AgeProfilePage {...props} />, status);
}

const AGE_FIELD = /^n\.(\d{4})\.([A-Za-z0-9_-]{1,32})$/;

/** The grid's posted counts over what is stored: a field not posted keeps its stored value. */
function readAgeGrid(
  body: Record<string, unknown>,
  stored: readonly { cohort: number; category: string; count: number }[],
  columns: readonly CategoryColumn[],
): { rows: { cohort: number; category: string; count: number }[]; problems: RowProblemView[]; entered: Record<string, string> } {
  const counts = new Map(stored.map((r) => [`${r.cohort}/${r.category}`, { ...r }]));
  const labels = new Map(columns.map((col) => [col.code, col.label]));
  const schema = postedGrid({
    prefix: "n.",
    pattern: AGE_FIELD,
    key: (m) => {
      const label = labels.get(m[2] ?? "");
      return label === undefined ? undefined : { cohort: Number(m[1]), category: m[2] ?? "", label };
    },
    cell: (key) => countCell(`${cohortLabel(key.cohort)}の${key.label}`, parseAgeCount),
    unknown: (name) => `不明な入力欄です: ${name.slice(0, 60)}`,
  });
  const { cells, problems, entered } = readPostedGrid(schema, body, ["n."]);
  for (const { key, value } of cells) counts.set(`${key.cohort}/${key.category}`, { cohort: key.cohort, category: key.category, count: value });
  const rows = [...counts.values()].filter((r) => r.count > 0);
  return { rows, problems, entered };
}
export function registerAgeProfileRoutes(app: Hono<AppEnv>): void {
  // ---- 年齢構成 ----
  app.get("/staffing/age-profile", async (c) => {
    const session = requireSession(c);
    const query = parseInput(AgeProfileQuery, c.req.query());
    const imported = query.imported ?? 0;
    const notice = query.saved ? "年齢構成を保存しました" : imported > 0 ? `年齢構成を取り込みました(${imported}件の組織×基準年度)` : undefined;
    return renderAgeProfile(c, session, {
      ...(query.unit !== undefined ? { unitId: query.unit } : {}),
      ...(query.year !== undefined ? { year: query.year } : {}),
      ...(query.add ? { add: query.add } : {}),
      ...(notice ? { notice } : {}),
    });
  });

  app.post("/staffing/age-profile", async (c) => {
    const session = requireSession(c);
    // The role first, before the form is read: an administrator or an editor of some unit. Whether this unit may be
    // written (and whether it is one of this municipality's) is saveAgeProfile's to decide, for every caller.
    requireSomeUnitWriter(session.actor, "年齢構成を編集する");
    const tenant = tenantOf(c, session);
    const body = await c.req.parseBody();
    const { unit: unitId, year: baseYear, read } = parseInput(AgeProfileFormFields, body);
    const unit = { id: unitId };
    const [stored, schedules] = await Promise.all([unitAgeProfile(tenant, unit.id, baseYear), schedulesOf(tenant)]);
    // The cells as the form was read: the grid is compared with them, so only what the user changed is written.
    const readText = read?.text;
    const expected = read?.cells;
    const base = read ? read.rows : stored;
    const grid = readAgeGrid(body, base, categoryColumns(schedules));
    const view = { unitId: unit.id, year: baseYear, entered: grid.entered, ...(readText === undefined ? {} : { read: readText }) };
    if (readText === undefined && grid.problems.length === 0) {
      // No values as read: a changed cell would be a blind write over whatever is stored now, so it is refused by name.
      const labels = new Map(categoryColumns(schedules).map((col) => [col.code, col.label]));
      const cellKey = (r: { cohort: number; category: string }) => `${r.cohort}/${r.category}`;
      const cells = new Map([...stored, ...grid.rows].map((r) => [cellKey(r), { cohort: r.cohort, category: r.category }]));
      const before = new Map(stored.map((r) => [cellKey(r), r.count]));
      const after = new Map(grid.rows.map((r) => [cellKey(r), r.count]));
      for (const [key, { cohort, category }] of cells) {
        if ((before.get(key) ?? 0) === (after.get(key) ?? 0)) continue;
        grid.problems.push({
          field: `n.${cohort}.${category}`,
          message: `${cohortLabel(cohort)}の${labels.get(category) ?? category}: 画面を開いたときの値が送られていないため保存できません。画面を開き直してから入力してください`,
        });
      }
    }
    if (grid.problems.length > 0) return renderAgeProfile(c, session, { ...view, problems: grid.problems }, 400);
    try {
      await saveAgeProfile(tenant, session.actor, { unitId: unit.id, baseYear, rows: grid.rows, ...(expected ? { expected } : {}) });
    } catch (error) {
      if (isGyokakuError(error) && error.code === "conflict") {
        // 409: the grid shows what is stored now (the new version read) and the message names both values.
        const problems = Array.isArray(error.details["problems"]) ? (error.details["problems"] as unknown[]).filter((p): p is string => typeof p === "string") : [error.message];
        return renderAgeProfile(c, session, { unitId: unit.id, year: baseYear, problems: problems.map((message) => ({ message })) }, 409);
      }
      if (!isGyokakuError(error) || error.code !== "invalid_input") throw error;
      const problems = Array.isArray(error.details["problems"]) ? (error.details["problems"] as unknown[]).filter((p): p is string => typeof p === "string") : [error.message];
      return renderAgeProfile(c, session, { ...view, problems: problems.map((message) => ({ message })) }, 400);
    }
    return c.redirect(`/staffing/age-profile?unit=${unit.id}&year=${baseYear}&saved=1`);
  });

  const exportRoute = (kind: "xlsx" | "csv") => async (c: Ctx) => {
    const session = requireSession(c);
    const tenant = tenantOf(c, session);
    const year = parseInput(AgeExportQuery, c.req.query()).year ?? null;
    const encoding = encodingParam(c.req.query("encoding") ?? "");
    return fileResponse(c, await exportAgeProfile(tenant, { from: year, to: year, kind, ...(encoding === "auto" ? {} : { encoding }) }));
  };
  app.get("/staffing/age-profile.xlsx", exportRoute("xlsx"));
  app.get("/staffing/age-profile.csv", exportRoute("csv"));

  app.post("/staffing/age-profile/import", async (c) => {
    // The role first, before the upload is read (the service authorizes in full).
    const session = requireSession(c);
    requireAdmin(session.actor, "年齢構成ファイルを取り込む");
    const tenant = tenantOf(c, session);
    const body = await c.req.parseBody();
    const refuse = (importError: string, importProblems?: ImportProblem[]) =>
      renderAgeProfile(c, session, { importError, ...(importProblems ? { importProblems } : {}) }, 400);
    // Preview, then confirm (issue 10 kind H, as every importer): the first step reads and shows what the file would
    // change and writes nothing; 「この内容で取り込む」 sends the same file back with the preview's fingerprint.
    const showPreview = async (file: AgeProfileFile, status: 200 | 400 | 409, importError?: string) => {
      const preview = await previewAgeProfileImportFor(tenant, session.actor, file);
      const hasError = preview.result.problems.some((p) => p.severity === "error");
      // Encoded only for a preview that can be confirmed: a few MB of base64 is not free.
      const carried: AgeImportCarried = { filename: file.filename, base64: hasError ? "" : Buffer.from(file.bytes).toString("base64"), encoding: file.encoding ?? "auto", basis: preview.basis };
      const year = preview.result.rows[0]?.baseYear;
      // A file with errors cannot be confirmed: the refusal names each problem's cell, above how the file was read.
      const problems = preview.result.problems;
      const refusal = hasError
        ? { importError: `${file.filename} に誤りが${problems.filter((p) => p.severity === "error").length}件あるため、何も取り込んでいません`, importProblems: problems }
        : importError
          ? { importError }
          : {};
      return renderAgeProfile(c, session, { ...(year === undefined ? {} : { year }), importPreview: { preview, carried }, ...refusal }, hasError ? 400 : status);
    };
    try {
      const fields = parseInput(AgeImportFields, body);
      const file: AgeProfileFile = { ...(await uploadedFile(body, MAX_UPLOAD_BYTES.table)), encoding: fields.encoding, currentFiscalYear: currentFiscalYear() };
      if (fields.step !== "apply") return await showPreview(file, 200);
      const basis = confirmedBasis(fields.basis);
      try {
        const { changed, baseYears } = await importAgeProfileFile(tenant, session.actor, { ...file, basis });
        return c.redirect(`/staffing/age-profile?year=${baseYears[baseYears.length - 1] ?? ""}&imported=${changed}`);
      } catch (error) {
        // Stale: the stored profiles changed after the preview. Nothing was written; the new preview shows what changes now.
        if (isGyokakuError(error) && error.code === "conflict") return await showPreview(file, 409, error.message);
        throw error;
      }
    } catch (error) {
      if (error instanceof AgeProfileImportRejected) return refuse(error.message, error.problems.length > 0 ? error.problems : undefined);
      if (!isGyokakuError(error) || (error.code !== "invalid_input" && error.code !== "too_large")) throw error;
      return refuse(error.message);
    }
  });
}
