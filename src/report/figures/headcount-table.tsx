/** 図表4 部局別職員数の推移: units as rows, years as columns, the quota column and the two totals. */
import { formatFiscalYear, formatFiscalYearShort } from "../../domain/era.js";
import { type PublicHeadcounts, UNIT_ROW_LABEL } from "../../services/publication-policy.js";
import { FigureCaption, fmt, YearHead } from "./common.js";

/** The caption the seed gives 図表4, with the span actually shown. */
export function headcountCaption(table: Pick<PublicHeadcounts, "years">): string {
  const first = table.years[0];
  const last = table.years[table.years.length - 1];
  return first === undefined || last === undefined ? "部局別職員数の推移" : `${formatFiscalYear(first)}～${formatFiscalYear(last)} 部局別職員数の推移`;
}

/** 図表4 from the published headcounts (services/publication-policy.ts presentHeadcounts). `number`: omitted on the site. */
export function HeadcountTableFigure(props: { number?: number; table: PublicHeadcounts; id?: string }) {
  const t = props.table;
  const columns = t.years.length + 2;
  return (
    <table class="figure-table zuhyo4" id={props.id ?? "zuhyo-headcounts"}>
      <FigureCaption number={props.number} text={headcountCaption(t)} />
      <thead>
        <tr>
          <th scope="col">&lt;常勤職員&gt;</th>
          {t.years.map((year) => (
            <th scope="col" class="year">
              <YearHead year={year} />
            </th>
          ))}
          <th scope="col">定数</th>
        </tr>
      </thead>
      <tbody>
        {t.rows.map((row) => {
          const sub = row.category !== UNIT_ROW_LABEL;
          return (
            <tr class={sub ? "sub" : `unit d${row.depth}`}>
              <th scope="row" class={`d${row.depth}`}>
                {sub ? `(${row.category})` : row.name}
                {row.formerNames.map((f) => (
                  <span class="former-name">
                    (～{formatFiscalYearShort(f.untilYear)} {f.name})
                  </span>
                ))}
              </th>
              {row.cells.map((value) => (
                <td class="num">{value === null ? "" : sub ? `(${fmt(value)})` : fmt(value)}</td>
              ))}
              <td class="num">{sub ? "" : row.quotaSharedBy ? `${fmt(row.quota)}※共` : fmt(row.quota)}</td>
            </tr>
          );
        })}
        <tr class="total">
          <th scope="row">一般職(合計)</th>
          {t.generalTotal.map((value) => (
            <td class="num">{fmt(value)}</td>
          ))}
          <td class="num">{t.quotaSum === 0 ? "" : fmt(t.quotaSum)}</td>
        </tr>
        <tr class="note">
          <td colspan={columns}>※定数外職員(派遣・休職・休業)含む 合計 ※育児休業代替任期付職員含まない</td>
        </tr>
        {t.rows
          .filter((row) => row.quotaSharedBy)
          .map((row) => (
            <tr class="note">
              <td colspan={columns}>※共 {fmt(row.quota)}は{(row.quotaSharedBy ?? []).join("・")}の共同の条例定数</td>
            </tr>
          ))}
        <tr class="total">
          <th scope="row">一般職(定数合計)</th>
          {t.quotaTotal.map((value) => (
            <td class="num">{fmt(value)}</td>
          ))}
          <td class="num">{t.quotaSum === 0 ? "" : `(${t.allowancePercent.toLocaleString("ja-JP")}%上限) ${fmt(t.cap)}`}</td>
        </tr>
        <tr class="note">
          <td colspan={columns}>※定数外職員(派遣・休職・休業)を 除く ※育児休業代替任期付職員含む</td>
        </tr>
      </tbody>
    </table>
  );
}
