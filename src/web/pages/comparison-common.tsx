import { formatFiscalYear } from "../../domain/era.js";
import { roundHalfUp } from "../../domain/population.js";
import { canAdminister } from "../../domain/roles.js";
import type { SessionContext } from "../../services/auth.js";
import { SubNav } from "./components.js";

const COMPARISON_PAGES = [
  { path: "/comparison", label: "類似団体区分(図表7)", admin: false },
  { path: "/comparison/peers", label: "職員数の比較(図表8)", admin: false },
  { path: "/comparison/laspeyres", label: "ラスパイレス指数(図表9)", admin: false },
  { path: "/comparison/diagnosis", label: "定員管理診断表(図表10)", admin: false },
  { path: "/comparison/regression", label: "定員回帰指標", admin: false },
  { path: "/comparison/nationwide", label: "全国診断", admin: false },
  { path: "/comparison/import", label: "取込", admin: true },
] as const;

/** The pages of the 類似団体比較 area, with the current one marked; the import page only for administrators. */
export function ComparisonNav(props: { current: string; session: SessionContext }) {
  const admin = canAdminister(props.session.actor);
  return <SubNav label="類似団体比較のページ" pages={COMPARISON_PAGES.filter((p) => admin || !p.admin)} current={props.current} />;
}

/** 73.164… → "73.16" (half up, always two decimals, as 図表8 prints it); null → "". */
export function per10kText(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "";
  return roundHalfUp(value, 2).toLocaleString("ja-JP", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** A GET form choosing the fiscal year of a page among the years that have data. */
export function YearPicker(props: { action: string; years: readonly number[]; selected: number | null; extra?: Record<string, string> }) {
  if (props.years.length === 0) return null;
  return (
    <form class="filters" method="get" action={props.action}>
      {Object.entries(props.extra ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <div>
        <label for="year">年度</label>
        <select id="year" name="year">
          {[...props.years].reverse().map((y) => (
            <option value={String(y)} selected={y === props.selected}>
              {formatFiscalYear(y)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <button type="submit">表示</button>
      </div>
    </form>
  );
}

/** A notice that nothing is there yet, with the way to get it there. */
export function Missing(props: { what: string; session: SessionContext }) {
  return (
    <p class="alert warning" role="status">
      {props.what}
      {canAdminister(props.session.actor) ? (
        <>
          {" "}
          <a href="/comparison/import">取込ページ</a>から取り込めます。
        </>
      ) : (
        " 管理者(行政管理課)が取り込むと表示されます。"
      )}
    </p>
  );
}
