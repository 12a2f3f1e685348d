import { formatFiscalYear, formatFiscalYearShort } from "../../domain/era.js";
import { HEADCOUNT_CATEGORIES } from "../../domain/headcount.js";
import type { HeadcountTable, HeadcountTableRow } from "../../domain/headcount-table.js";
import type { SessionContext } from "../../services/auth.js";
import { Layout } from "../layout.js";
import { Alerts, YearSpanFields } from "./components.js";
import { fmt, percent, RollUpGapList, StaffingNav, YearLabel } from "./staffing-common.js";

/** "(うち派遣職員)" for the categories counted inside 職員数, "(育児休業代替任期付職員)" for the one counted outside it. */
export function subRowLabel(row: HeadcountTableRow["row"]): string {
  const category = HEADCOUNT_CATEGORIES.find((c) => c.key === row);
  if (!category) return "";
  return category.note.startsWith("うち") ? `(うち${category.label})` : `(${category.label})`;
}

export interface HeadcountTablePageProps {
  session: SessionContext;
  csrfToken: string;
  table: HeadcountTable;
  /** The span asked for (the table shows the recorded years inside it). */
  from: number;
  to: number;
  everyYear: boolean;
  /** What the user typed, shown back in the form. */
  fromInput: string;
  toInput: string;
  canEdit: boolean;
  notice?: string;
}

/** GET /staffing/headcounts: 図表4 部局別職員数の推移. */
export function HeadcountTablePage(props: HeadcountTablePageProps) {
  const t = props.table;
  const first = t.years[0] ?? props.from;
  const last = t.years[t.years.length - 1] ?? props.to;
  const caption = `(図表4) ${formatFiscalYear(first)}～${formatFiscalYear(last)} 部局別職員数の推移`;
  const span = `from=${props.from}&to=${props.to}`;
  const columns = t.years.length + 2;
  return (
    <Layout title="部局別職員数の推移(図表4)" session={props.session} csrfToken={props.csrfToken} current="/staffing">
      <h1>部局別職員数の推移</h1>
      <StaffingNav current="/staffing/headcounts" />
      <Alerts notice={props.notice} />
      <form class="filters" method="get" action="/staffing/headcounts">
        <YearSpanFields fromInput={props.fromInput} toInput={props.toInput} describedBy="span-hint" />
        <div class="check">
          <input id="every" name="every" type="checkbox" value="1" checked={props.everyYear} />
          <label for="every">すべての年度を表示(記録のない年度も列にする)</label>
        </div>
        <div>
          <button type="submit">表示</button>
        </div>
        <small id="span-hint" class="hint">
          年度は「令和7年度」「R7」「2025」のように入力できます。通常は職員数の記録がある年度だけを列にします。
        </small>
      </form>
      <p class="actions">
        ダウンロード: <a href={`/staffing/headcounts.xlsx?${span}`}>Excel (xlsx)</a> ・ <a href={`/staffing/headcounts.csv?${span}`}>CSV</a>
        {" ・ "}
        <a href={`/staffing/chart?${span}`}>職員数と人口の推移(図表5)</a>
      </p>
      <div class="table-scroll" role="region" aria-label={caption} tabindex={0}>
        <table class="data zuhyo" id="zuhyo4">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col" class="corner">
                &lt;常勤職員&gt;
              </th>
              {t.years.map((year) => (
                <th scope="col" class="year" data-year={year}>
                  <YearLabel year={year} />
                  {props.canEdit ? (
                    <>
                      <br />
                      <a class="edit" href={`/staffing/headcounts/${year}/edit`} title={`${formatFiscalYear(year)}の職員数を入力・修正`}>
                        入力
                      </a>
                    </>
                  ) : null}
                </th>
              ))}
              <th scope="col" class="quota">
                定数
              </th>
            </tr>
          </thead>
          <tbody>
            {t.rows.map((row) => {
              const sub = row.row !== "unit";
              return (
                <tr class={sub ? "sub" : `unit d${row.depth}`} data-unit={row.name} data-row={row.row}>
                  <th scope="row" class={`d${row.depth}`}>
                    {sub ? subRowLabel(row.row) : row.name}
                    {row.formerNames.map((f) => (
                      <span class="former-name">
                        (～{formatFiscalYearShort(f.untilYear)} {f.name})
                      </span>
                    ))}
                  </th>
                  {row.cells.map((value, i) => (
                    <td class="num" data-unit={row.name} data-unit-id={row.unitId} data-row={row.row} data-year={t.years[i]}>
                      {value === null ? "" : sub ? `(${fmt(value)})` : fmt(value)}
                    </td>
                  ))}
                  <td class="num quota" data-unit={row.name} data-row={row.row} data-col="quota">
                    {sub ? "" : row.quotaSharedBy ? `${fmt(row.quota)}※共` : fmt(row.quota)}
                  </td>
                </tr>
              );
            })}
            <tr class="total" data-row="general-total">
              <th scope="row">一般職(合計)</th>
              {t.generalTotal.map((value, i) => (
                <td class="num" data-row="general-total" data-year={t.years[i]}>
                  {fmt(value)}
                </td>
              ))}
              <td class="num quota" data-row="general-total" data-col="quota">
                {fmt(t.quotaSum)}
              </td>
            </tr>
            <tr class="note">
              <td colspan={columns}>※定数外職員(派遣・休職・休業)含む 合計 ※育児休業代替任期付職員含まない</td>
            </tr>
            {t.rows
              .filter((row) => row.row === "unit" && row.quotaSharedBy)
              .map((row) => (
                <tr class="note" data-row="shared-quota">
                  <td colspan={columns}>※共 {fmt(row.quota)}は{(row.quotaSharedBy ?? []).join("・")}の共同の条例定数</td>
                </tr>
              ))}
            <tr class="total" data-row="quota-total">
              <th scope="row">一般職(定数合計)</th>
              {t.quotaTotal.map((value, i) => (
                <td class="num" data-row="quota-total" data-year={t.years[i]}>
                  {fmt(value)}
                </td>
              ))}
              <td class="num quota cap" data-row="quota-total" data-col="quota">
                ({percent(t.allowancePercent)}上限) {fmt(t.cap)}
              </td>
            </tr>
            <tr class="note">
              <td colspan={columns}>※定数外職員(派遣・休職・休業)を 除く ※育児休業代替任期付職員含む</td>
            </tr>
          </tbody>
        </table>
      </div>
      <RollUpGapList gaps={t.gaps} withYear />
      <p class="footnote">※ 各年4月1日現在(市長選を控えた年は、市長選後の人事異動発令日)</p>
      <p class="footnote">
        ※ 定数欄は{formatFiscalYear(last)}の条例定数。一般職(定数合計)は休職・休業と育児休業代替任期付職員が記録された年度だけ表示します。
        上限 = 条例定数の合計 × (1 + 許容率 {percent(t.allowancePercent)}) の小数点以下切り捨て(<a href="/staffing/settings">設定</a>)。
      </p>
      {props.canEdit ? (
        <form class="filters" method="get" action="/staffing/edit">
          <div>
            <label for="edit-year">入力する年度</label>
            <input id="edit-year" name="year" type="text" value={String(last + 1)} />
          </div>
          <div>
            <button type="submit" class="secondary">
              この年度の職員数を入力
            </button>
          </div>
        </form>
      ) : null}
    </Layout>
  );
}
