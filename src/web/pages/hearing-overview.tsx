import { formatFiscalYear } from "../../domain/era.js";
import type { SessionContext } from "../../services/auth.js";
import type { RoundOverview } from "../../services/hearing/overview.js";
import { Layout } from "../layout.js";
import { departmentPath, formPath, FormStatusBadge, HearingNav, IllustrativeNote, PlanComplianceTable, roundPath } from "./hearing-common.js";

const show = (n: number | null) => (n === null ? "未決定" : String(n));

export function OverviewPage(props: { session: SessionContext; csrfToken: string; overview: RoundOverview; illustrative: boolean }) {
  const o = props.overview;
  return (
    <Layout title={`${o.title} 全体集計`} session={props.session} csrfToken={props.csrfToken} current="/hearings">
      <h1>{o.title} 全体集計</h1>
      <HearingNav roundId={o.roundId} current={`${roundPath(o.roundId)}/overview`} admin={props.session.actor.role === "admin"} />
      <IllustrativeNote show={props.illustrative} />
      <p class="lead">
        現員は{o.baseYear === null ? "未登録" : `${formatFiscalYear(o.baseYear)}の4月1日`}、要求・決定は{formatFiscalYear(o.targetYear)}の人数です。
      </p>
      <p class="actions">
        <a href={`${roundPath(o.roundId)}/overview.xlsx`} download>
          全体集計をExcelで書き出す
        </a>
      </p>
      <table class="data" id="overview">
        <thead>
          <tr>
            <th scope="col">部局</th>
            <th scope="col">組織</th>
            <th scope="col">現員</th>
            <th scope="col">要求</th>
            <th scope="col">決定</th>
            <th scope="col">うち再任用・任期付の増減 (要求 / 決定)</th>
            <th scope="col">様式1・2・3</th>
          </tr>
        </thead>
        <tbody>
          {o.departments.map((d) => (
            <>
              {d.units.map((u) => (
                <tr data-unit={u.unitId}>
                  <td>{d.name}</td>
                  <td>{u.name}</td>
                  <td class="num">{u.current}</td>
                  <td class="num" data-requested={u.unitId}>
                    {u.requested}
                  </td>
                  <td class="num" data-approved={u.unitId}>
                    {show(u.approved)}
                  </td>
                  <td class="num" data-non-regular={u.unitId}>
                    {nonRegularShown(u.nonRegular)}
                  </td>
                  <td></td>
                </tr>
              ))}
              <tr class="total" data-department={d.unitId}>
                <th scope="row">
                  <a href={departmentPath(o.roundId, d.unitId)}>{d.name} 計</a>
                </th>
                <td></td>
                <td class="num">{d.total.current}</td>
                <td class="num">{d.total.requested}</td>
                <td class="num">{show(d.total.approved)}</td>
                <td class="num">{nonRegularShown(d.total.nonRegular)}</td>
                <td>
                  {d.statuses.map((s, i) => (
                    <a href={formPath(o.roundId, d.unitId, i + 1)}>
                      <span class="visually-hidden">{`${d.name} 様式${i + 1} `}</span>
                      <FormStatusBadge status={s} />
                    </a>
                  ))}{" "}
                  <a href={`${departmentPath(o.roundId, d.unitId)}/sheet`}>ヒアリングシート(A4)</a>
                </td>
              </tr>
            </>
          ))}
        </tbody>
        <tfoot>
          <tr id="overview-total">
            <th scope="row">合計</th>
            <td></td>
            <td class="num">{o.total.current}</td>
            <td class="num">{o.total.requested}</td>
            <td class="num">{show(o.total.approved)}</td>
            <td class="num" data-non-regular="total">{nonRegularShown(o.total.nonRegular)}</td>
            <td></td>
          </tr>
        </tfoot>
      </table>
      <h2>決定後の定数・上限との照合</h2>
      <PlanComplianceTable id="overview-compliance" rows={o.compliance} />
      <h2>定年引上げ期の推計との照合</h2>
      {o.projection.ok ? (
        <table class="data" id="overview-projection">
          <caption>
            {formatFiscalYear(o.projection.fiscalYear)}4月1日の職員数: 決定と推計(平準化採用、{formatFiscalYear(o.projection.baseYear)}の年齢構成から)
          </caption>
          <thead>
            <tr>
              <th scope="col">区分</th>
              <th scope="col">人数</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">決定を反映した計画(一般職 定数合計)</th>
              <td class="num" data-planned>
                {o.compliance.find((c) => c.name === "一般職(定数合計)")?.counted ?? "—"}
              </td>
            </tr>
            <tr>
              <th scope="row">推計の職員数</th>
              <td class="num" data-projected>
                {o.projection.headcount}
              </td>
            </tr>
            <tr>
              <th scope="row">推計の採用者数 / 定年退職者数</th>
              <td class="num">
                {o.projection.hires} / {o.projection.retirees}
              </td>
            </tr>
            <tr>
              <th scope="row">条例定数 / 上限</th>
              <td class="num">
                {o.projection.quota} / {o.projection.cap}
              </td>
            </tr>
          </tbody>
        </table>
      ) : (
        <p id="overview-projection">{o.projection.reason}</p>
      )}
    </Layout>
  );
}

/** 「+1 / 0」: the signed change asked and decided for 再任用・任期付 lines (未決定 while undecided). */
function nonRegularShown(x: { requested: number; approved: number | null }): string {
  const signed = (n: number) => (n > 0 ? `+${n}` : String(n));
  return `${signed(x.requested)} / ${x.approved === null ? "未決定" : signed(x.approved)}`;
}
