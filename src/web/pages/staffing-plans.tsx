import { formatFiscalYear } from "../../domain/era.js";
import type { SessionContext } from "../../services/auth.js";
import type { StaffingPlanView } from "../../services/staffing-plans.js";
import { Layout } from "../layout.js";
import { CompliancePanel, fmt, signed, StaffingNav } from "./staffing-common.js";

/** GET /staffing/plans?year=: 配置計画 beside the last counted April 1, and the plan against quota and cap. */
export function StaffingPlansPage(props: { session: SessionContext; csrfToken: string; view: StaffingPlanView }) {
  const v = props.view;
  return (
    <Layout title="配置計画" session={props.session} csrfToken={props.csrfToken} current="/staffing">
      <h1>配置計画{v.fiscalYear === null ? "" : ` ${formatFiscalYear(v.fiscalYear)}`}</h1>
      <StaffingNav current="/staffing/plans" />
      {v.fiscalYear === null ? (
        <p class="alert info">
          配置計画はまだありません。<a href="/hearings">ヒアリング</a>で決定した人員を「決定の反映」で反映すると、翌年度の配置計画になります。
        </p>
      ) : (
        <>
          <p class="lead">
            ヒアリングの決定から作った{formatFiscalYear(v.fiscalYear)}の組織別の職員数の計画です。実績は
            {v.baseYear === null ? "まだ登録されていません" : `${formatFiscalYear(v.baseYear)}4月1日の職員数`}。計画のない組織は実績のままとして定数と照合します。
          </p>
          {v.planYears.length > 1 ? (
            <p>
              他の年度:{" "}
              {v.planYears
                .filter((y) => y !== v.fiscalYear)
                .map((y) => (
                  <a href={`/staffing/plans?year=${y}`}>{formatFiscalYear(y)} </a>
                ))}
            </p>
          ) : null}
          <div class="table-scroll" tabindex={0} role="region" aria-label="配置計画の表">
            <table class="data" id="staffing-plan">
              <caption>組織別 実績と配置計画(人)</caption>
              <thead>
                <tr>
                  <th scope="col">組織</th>
                  <th scope="col">{v.baseYear === null ? "実績" : `実績 ${formatFiscalYear(v.baseYear)}`}</th>
                  <th scope="col">配置計画 {formatFiscalYear(v.fiscalYear)}</th>
                  <th scope="col">増減</th>
                  <th scope="col">計画の出典</th>
                </tr>
              </thead>
              <tbody>
                {v.rows.map((r) => (
                  <tr data-unit={r.unitId} class={r.ownPlan ? "planned" : undefined}>
                    <th scope="row">
                      {"\u3000".repeat(r.depth)}
                      {r.name}
                    </th>
                    <td class="num">{fmt(r.actual)}</td>
                    <td class="num" data-planned={r.unitId}>
                      {r.planned === null ? "—" : fmt(r.planned)}
                    </td>
                    <td class="num">{r.planned === null || r.actual === null ? "" : signed(r.planned - r.actual)}</td>
                    <td>{r.ownPlan ? r.source : r.planned === null ? "" : "(下位組織の計画による合計)"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {v.compliance ? <CompliancePanel result={v.compliance} heading={`配置計画 ${formatFiscalYear(v.fiscalYear)} の定数との照合`} /> : null}
        </>
      )}
    </Layout>
  );
}
