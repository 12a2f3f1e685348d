import { formatFiscalYear, formatFiscalYearShort } from "../../domain/era.js";
import { COMPLIANCE_LABELS, type ComplianceStatus } from "../../domain/quota.js";
import { describeRollUpGap, type RollUpGap } from "../../domain/roll-up.js";
import type { YearCompliance } from "../../domain/staffing.js";
import { SubNav } from "./components.js";

/** 1104 → "1,104"; null → "" (a blank cell, never 0). */
export function fmt(value: number | null | undefined): string {
  return value === null || value === undefined ? "" : value.toLocaleString("ja-JP");
}

/** A difference with its sign: +5, -3, 0. */
export function signed(value: number): string {
  return value > 0 ? `+${fmt(value)}` : fmt(value);
}

/** 3 → "3%", 2.5 → "2.5%". */
export function percent(value: number): string {
  return `${value.toLocaleString("ja-JP", { maximumFractionDigits: 2 })}%`;
}

/** A year as table headers print it: 令7 above (2025) (or beside it), the full reading in the abbreviation's title. */
export function YearLabel(props: { year: number; inline?: boolean }) {
  return (
    <>
      <abbr title={formatFiscalYear(props.year)}>{formatFiscalYearShort(props.year)}</abbr>
      {props.inline ? " " : <br />}({props.year})
    </>
  );
}

const STAFFING_PAGES = [
  { path: "/staffing", label: "概要" },
  { path: "/staffing/headcounts", label: "部局別職員数(図表4)" },
  { path: "/staffing/chart", label: "職員数と人口(図表5)" },
  { path: "/staffing/compliance", label: "定数の遵守状況" },
  { path: "/staffing/plans", label: "配置計画" },
  { path: "/staffing/settings", label: "定数・人口・許容率の設定" },
  { path: "/staffing/import", label: "取込・書出し" },
  { path: "/staffing/retirement", label: "定年引上げ(図表6)" },
  { path: "/staffing/age-profile", label: "年齢構成" },
  { path: "/staffing/projection", label: "推計・採用計画" },
  { path: "/staffing/scenarios", label: "シナリオ比較" },
  { path: "/units/sectors", label: "部門の対応(図表11)" },
] as const;

/** The pages of the 定数管理 area, with the current one marked. */
export function StaffingNav(props: { current: string }) {
  return <SubNav label="定数管理のページ" pages={STAFFING_PAGES} current={props.current} />;
}

const BADGE_CLASS: Record<ComplianceStatus, string> = { within_quota: "badge ok", within_cap: "badge warn", over_cap: "badge ng" };

export function Verdict(props: { status: ComplianceStatus }) {
  return <span class={BADGE_CLASS[props.status]}>{COMPLIANCE_LABELS[props.status]}</span>;
}

/** Per-year compliance with the ordinance quotas: each quota-holding unit, the total, or why the total cannot be told. */
export function CompliancePanel(props: { result: YearCompliance; headingLevel?: 2 | 3; heading?: string }) {
  const r = props.result;
  const year = formatFiscalYear(r.fiscalYear);
  const heading = props.heading ?? `${year} 定数の遵守状況`;
  return (
    <section class="compliance" aria-label={heading} data-year={r.fiscalYear}>
      {props.headingLevel === 3 ? <h3>{heading}</h3> : <h2>{heading}</h2>}
      <p>
        許容率 <strong data-allowance={r.allowancePercent}>{percent(r.allowancePercent)}</strong>
        (定年引上げ期間中の一時的な超過) ・ 上限 = 条例定数 × (1 + 許容率) の小数点以下切り捨て
      </p>
      {r.total ? (
        <p class="summary">
          一般職(定数合計) <strong>{fmt(r.total.counted)}</strong>人 / 条例定数 {fmt(r.quotaSum)}人 / 上限 {fmt(r.cap)}人 → <Verdict status={r.total.status} />
        </p>
      ) : (
        <p class="alert warning" role="status">
          {year}は休職・休業と育児休業代替任期付職員の人数が記録されていないため、一般職(定数合計)を判定できません。
          {r.totals.generalTotal === null ? "この年度の職員数も記録されていません。" : `一般職(合計)は ${fmt(r.totals.generalTotal)}人です。`}
        </p>
      )}
      <RollUpGapList gaps={r.gaps} />
      <div class="table-scroll">
        <table class="data compliance-table">
          <caption>任命権者別の定数内職員数と条例定数</caption>
          <thead>
            <tr>
              <th scope="col">任命権者</th>
              <th scope="col">定数内職員数</th>
              <th scope="col">条例定数</th>
              <th scope="col">上限</th>
              <th scope="col">差(定数比)</th>
              <th scope="col">判定</th>
            </tr>
          </thead>
          <tbody>
            {r.rows.map((row) => {
              const c = row.compliance;
              return (
                <tr data-unit={row.name}>
                  <th scope="row">{row.name}</th>
                  <td class="num" data-col="counted">{fmt(c?.counted)}</td>
                  <td class="num" data-col="quota">{fmt(c?.quota)}</td>
                  <td class="num" data-col="cap">{fmt(c?.cap)}</td>
                  <td class="num" data-col="over">{c ? signed(c.overQuota) : ""}</td>
                  <td data-col="verdict">{c ? <Verdict status={c.status} /> : <span class="badge">判定できません</span>}</td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr class="total" data-unit="一般職(定数合計)">
              <th scope="row">一般職(定数合計)</th>
              <td class="num" data-col="counted">{fmt(r.total?.counted)}</td>
              <td class="num" data-col="quota">{fmt(r.quotaSum)}</td>
              <td class="num" data-col="cap">{fmt(r.cap)}</td>
              <td class="num" data-col="over">{r.total ? signed(r.total.overQuota) : ""}</td>
              <td data-col="verdict">{r.total ? <Verdict status={r.total.status} /> : <span class="badge">判定できません</span>}</td>
            </tr>
            <tr data-unit="一般職(合計)">
              <th scope="row">一般職(合計)</th>
              <td class="num" data-col="counted">{fmt(r.totals.generalTotal)}</td>
              <td colspan={4} class="note">定数外職員(派遣・休職・休業)を含み、育児休業代替任期付職員を含まない合計(参考)</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p class="note">
        定数内職員数 = 職員数 − 派遣職員 − 休職・休業 + 育児休業代替任期付職員。差が正の数のとき条例定数を超えています。
      </p>
    </section>
  );
}

/**
 * Parents whose figure is not the plain sum of their children (partly entered 課, or a stored 部 figure that
 * disagrees): the difference, so that a partial entry can never silently change a total.
 */
export function RollUpGapList(props: { gaps: readonly RollUpGap[]; withYear?: boolean }) {
  if (props.gaps.length === 0) return null;
  return (
    <div class="alert warning roll-up-gaps" role="status">
      <p>
        <strong>下位組織の合計と一致しない組織があります</strong>(下位組織がすべて入力されるまでは、組織自身の職員数を使います)
      </p>
      <ul>
        {props.gaps.map((g) => (
          <li data-unit={g.name} data-year={g.fiscalYear} data-difference={g.difference ?? ""}>
            {props.withYear ? `${formatFiscalYear(g.fiscalYear)}: ` : ""}
            {describeRollUpGap(g)}
          </li>
        ))}
      </ul>
    </div>
  );
}

export interface RowProblemView {
  unitId?: number;
  unitName?: string;
  /** The form field at fault, when one is (its id, so the message can link to it). */
  field?: string;
  message: string;
}

/** The list of problems of a refused form, announced to screen readers. */
export function ProblemList(props: { title: string; problems: RowProblemView[] }) {
  if (props.problems.length === 0) return null;
  return (
    <div class="alert error" role="alert">
      <p>
        <strong>{props.title}</strong>
      </p>
      <ul>
        {props.problems.map((p) => (
          <li>{p.field ? <a href={`#${p.field}`}>{p.message}</a> : p.message}</li>
        ))}
      </ul>
    </div>
  );
}
