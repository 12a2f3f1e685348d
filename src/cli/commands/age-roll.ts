import { type Command, Option } from "commander";
import { openDatabase, resolveDatabaseUrl } from "../../db/connection.js";
import { TenantDb } from "../../db/tenant.js";
import { formatFiscalYear } from "../../domain/era.js";
import { GyokakuError } from "../../domain/errors.js";
import type { CohortCount } from "../../domain/projection.js";
import { type AgeRollPreview, applyAgeRoll, previewAgeRoll } from "../../services/age-profile-roll.js";
import { CLI_ACTOR } from "../../services/audit.js";
import { requireMunicipalityByCode } from "../../services/municipalities.js";
import { resolveUnitCodes } from "../../services/units.js";
import type { CliIo } from "../program.js";

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** 組織:数:数[:職種] → its parts; the option names the place in the error. */
function parts(value: string, option: string, shape: string): { unit: string; a: number; b: number; category: string } {
  const [unit, a, b, category] = value.split(":");
  const n = (s: string | undefined) => (s !== undefined && /^\d+$/.test(s.trim()) ? Number(s) : NaN);
  if (!unit || Number.isNaN(n(a)) || Number.isNaN(n(b))) throw new GyokakuError("invalid_input", `${option} は「${shape}」の形で指定してください: ${value}`);
  return { unit, a: n(a), b: n(b), category: category?.trim() || "general" };
}

/**
 * gyokaku roll-age-profile (issue 13 point 14): every unit's age profile of --year (or the --unit ones) rolled into
 * the next year — a year older, 定年 retirees and --leaver out, --hire in — previewed with --dry-run, otherwise
 * saved for all units in one transaction (an existing next-year profile only with --replace).
 */
export function registerAgeRollCommand(program: Command, io: CliIo): void {
  program
    .command("roll-age-profile")
    .description("年齢構成を翌年度へ繰り越す (1歳加算・定年退職者と退職者を除き・採用者を加える)")
    .requiredOption("--municipality <code>", "団体コード (例: 012246)")
    .requiredOption("--year <fy>", "繰り越し元の基準年度 (例: 2025)")
    .option("--unit <unit>", "組織 (組織コードまたは組織名、繰り返し可。省略時はその年度の年齢構成があるすべての組織)", collect, [])
    .option("--leaver <spec>", "定年以外の退職者 組織:生まれ年度:人数[:職種] (繰り返し可)", collect, [])
    .option("--hire <spec>", "翌年度4月1日の採用者 組織:年齢:人数[:職種] (繰り返し可)", collect, [])
    .option("--replace", "翌年度の年齢構成が既にあれば置き換える")
    .option("--dry-run", "保存せずに結果だけを表示する")
    .addOption(new Option("--database <url>", "データベース: sqlite:パス または postgres://… (既定: 環境変数 DATABASE_URL、なければ sqlite:./data/gyokaku.db)"))
    .action(async (opts: { municipality: string; year: string; unit: string[]; leaver: string[]; hire: string[]; replace?: boolean; dryRun?: boolean; database?: string }) => {
      const baseYear = Number(opts.year);
      if (!Number.isInteger(baseYear)) throw new GyokakuError("invalid_input", `--year は西暦の年度で指定してください (例: 2025): ${opts.year}`);
      const database = await openDatabase(resolveDatabaseUrl(opts.database, io.env));
      try {
        const municipality = await requireMunicipalityByCode(database.db, opts.municipality);
        const tenant = new TenantDb(database.db, municipality.id);
        const units = await tenant.units.list();
        const idOf = async (value: string) => {
          const [code] = await resolveUnitCodes(tenant, [value]);
          const unit = units.find((u) => u.code === code);
          if (!unit) throw new GyokakuError("invalid_input", `組織「${value}」が見つかりません`);
          return unit.id;
        };
        const leavers = new Map<number, CohortCount[]>();
        for (const spec of opts.leaver) {
          const p = parts(spec, "--leaver", "組織:生まれ年度:人数[:職種]");
          const id = await idOf(p.unit);
          leavers.set(id, [...(leavers.get(id) ?? []), { cohort: p.a, category: p.category, count: p.b }]);
        }
        const hires = new Map<number, CohortCount[]>();
        for (const spec of opts.hire) {
          const p = parts(spec, "--hire", "組織:年齢:人数[:職種]");
          const id = await idOf(p.unit);
          hires.set(id, [...(hires.get(id) ?? []), { cohort: baseYear + 1 - p.a, category: p.category, count: p.b }]);
        }
        const chosen = opts.unit.length > 0 ? await Promise.all(opts.unit.map(idOf)) : [...new Set((await tenant.ageProfiles.list(baseYear)).map((r) => r.unit_id))];
        if (chosen.length === 0) throw new GyokakuError("invalid_input", `${formatFiscalYear(baseYear)}の年齢構成がありません`);
        for (const id of [...leavers.keys(), ...hires.keys()]) {
          if (!chosen.includes(id)) throw new GyokakuError("invalid_input", `組織「${units.find((u) => u.id === id)?.name ?? id}」は繰り越す組織に含まれていません`);
        }
        const request = (unitId: number) => ({ unitId, baseYear, leavers: leavers.get(unitId) ?? [], hires: hires.get(unitId) ?? [] });
        const results: AgeRollPreview[] = opts.dryRun
          ? await Promise.all(chosen.map((id) => previewAgeRoll(tenant, CLI_ACTOR, request(id))))
          : await tenant.transaction(async (tx) => {
              const out: AgeRollPreview[] = [];
              for (const id of chosen) out.push(await applyAgeRoll(tx, CLI_ACTOR, { ...request(id), replace: opts.replace ?? false }));
              return out;
            });
        for (const r of results) {
          const t = r.roll.totals;
          io.out(`${r.unit.name}: ${t.before}人 − 定年退職 ${t.retirees}人 − 退職 ${t.leavers}人 + 採用 ${t.hires}人 = ${t.after}人${r.existingNext > 0 ? ` (既存の${r.existingNext}人を置き換え)` : ""}`);
        }
        io.out(`${formatFiscalYear(baseYear)} → ${formatFiscalYear(baseYear + 1)}: ${results.length}組織${opts.dryRun ? "を確認しました(保存していません)" : "の年齢構成を保存しました"}`);
      } finally {
        await database.close();
      }
    });
}
