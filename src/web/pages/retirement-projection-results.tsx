/** The projection's results: the year table and the comparison of the hiring plans (定年引上げ期の推計). */
import { largestYearToYearChange, type ProjectionYear, unevenness } from "../../domain/projection.js";
import type { ScenarioResult } from "../../services/retirement-scenarios.js";
import { LEVELLED_OBJECTIVE } from "./retirement-common.js";
import { fmt, signed, YearLabel } from "./staffing-common.js";

export function ResultTable(props: { years: ProjectionYear[]; caption: string }) {
  return (
    <div class="table-scroll" role="region" aria-label={props.caption} tabindex={0}>
      <table class="data zuhyo projection" id="projection">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col" class="corner">
              年度
            </th>
            <th scope="col">定年退職者</th>
            <th scope="col">その他の退職者</th>
            <th scope="col">採用者</th>
            <th scope="col">職員数(4月1日)</th>
            <th scope="col">条例定数</th>
            <th scope="col">上限</th>
            <th scope="col">上限との差</th>
          </tr>
        </thead>
        <tbody>
          {props.years.map((y, i) => (
            <tr data-year={y.fiscalYear} class={y.overCap > 0 ? "over-cap" : undefined}>
              <th scope="row">
                <YearLabel year={y.fiscalYear} inline />
              </th>
              <td class="num" data-col="retirees" data-year={y.fiscalYear}>
                {fmt(y.retirees)}
              </td>
              <td class="num" data-col="other" data-year={y.fiscalYear}>
                {fmt(y.otherLeavers)}
              </td>
              <td class="num" data-col="hires" data-year={y.fiscalYear}>
                {i === 0 ? "—" : fmt(y.hires)}
              </td>
              <td class="num" data-col="headcount" data-year={y.fiscalYear}>
                {fmt(y.headcount)}
              </td>
              <td class="num" data-col="quota" data-year={y.fiscalYear}>
                {fmt(y.quota)}
              </td>
              <td class="num" data-col="cap" data-year={y.fiscalYear}>
                {fmt(y.cap)}
              </td>
              <td class="num" data-col="over" data-year={y.fiscalYear}>
                {signed(y.overCap)}
                {y.overCap > 0 ? <span class="badge ng">超過</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface PlanColumn {
  key: "levelled" | "one-for-one";
  label: string;
  hires: Record<number, number> | null;
  years: ProjectionYear[] | null;
}

export function Comparison(props: { result: ScenarioResult }) {
  const r = props.result;
  const plans: PlanColumn[] = [
    { key: "levelled", label: "平準化", hires: r.levelled.ok ? r.levelled.hires : null, years: r.levelled.ok ? r.levelled.years : null },
    { key: "one-for-one", label: "退職者数を補充", hires: r.oneForOne.hires, years: r.oneForOne.years },
  ];
  const years = r.years.map((y) => y.fiscalYear);
  const base = r.params.baseYear;
  const total = (h: Record<number, number>) => Object.values(h).reduce((s, v) => s + v, 0);
  const overYears = (ys: ProjectionYear[]) => ys.filter((y) => y.overCap > 0).length;
  return (
    <section id="comparison">
      <h2>平準化と「退職者数を補充」の比較</h2>
      <p class="objective">
        <strong>平準化の考え方:</strong> {LEVELLED_OBJECTIVE}
        {r.levelled.ok ? ` 目標の職員数は${fmt(r.levelled.target)}人です。` : null}
      </p>
      {r.levelled.ok ? null : (
        <p class="alert error levelled-reason" role="alert">
          <strong>平準化した採用計画を作れません:</strong> {r.levelled.reason}
        </p>
      )}
      {r.levelled.ok && r.levelled.note ? <p class="alert warning">{r.levelled.note}</p> : null}
      <div class="table-scroll" role="region" aria-label="採用計画の比較" tabindex={0}>
        <table class="data zuhyo comparison" id="plan-comparison">
          <caption>採用計画の比較(人)</caption>
          <thead>
            <tr>
              <th scope="col" rowspan={2} class="corner">
                年度
              </th>
              {plans.map((p) => (
                <th scope="colgroup" colspan={2} data-plan={p.key}>
                  {p.label}
                </th>
              ))}
            </tr>
            <tr>
              {plans.map(() => (
                <>
                  <th scope="col">採用者</th>
                  <th scope="col">職員数</th>
                </>
              ))}
            </tr>
          </thead>
          <tbody>
            {years.map((fy, i) => (
              <tr data-year={fy}>
                <th scope="row">
                  <YearLabel year={fy} inline />
                </th>
                {plans.map((p) => {
                  const y = p.years?.[i];
                  return (
                    <>
                      <td class="num" data-plan={p.key} data-col="hires" data-year={fy}>
                        {p.hires === null ? "" : fy === base ? "—" : fmt(p.hires[fy] ?? 0)}
                      </td>
                      <td class={`num${y && y.overCap > 0 ? " over" : ""}`} data-plan={p.key} data-col="headcount" data-year={fy}>
                        {y ? fmt(y.headcount) : ""}
                      </td>
                    </>
                  );
                })}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">採用者の合計</th>
              {plans.map((p) => (
                <td class="num" colspan={2} data-plan={p.key} data-col="total">
                  {p.hires ? fmt(total(p.hires)) : ""}
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">年度間の最大の増減</th>
              {plans.map((p) => (
                <td class="num" colspan={2} data-plan={p.key} data-col="largest-change">
                  {p.hires ? fmt(largestYearToYearChange(p.hires)) : ""}
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">採用者数の二乗和</th>
              {plans.map((p) => (
                <td class="num" colspan={2} data-plan={p.key} data-col="unevenness">
                  {p.hires ? fmt(unevenness(p.hires)) : ""}
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">上限を超える年度</th>
              {plans.map((p) => (
                <td class="num" colspan={2} data-plan={p.key} data-col="over-years">
                  {p.years ? `${overYears(p.years)}年度` : ""}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
      <p class="footnote">※ 二乗和は各年度の採用者数の二乗の合計です。採用者の合計が同じなら、小さいほど年度ごとの採用者数が均等です。</p>
    </section>
  );
}
