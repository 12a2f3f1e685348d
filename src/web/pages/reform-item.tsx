import type { Child } from "hono/jsx";
import { formatEraYear, formatFiscalYear, formatFiscalYearShort } from "../../domain/era.js";
import { canAdminister } from "../../domain/roles.js";
import type { SessionContext } from "../../services/auth.js";
import type { IndicatorView, ItemSheet } from "../../services/reform-views.js";
import { formatTimestamp } from "../format.js";
import { Layout } from "../layout.js";
import { Alerts } from "./components.js";
import { Blocks, CellView, PlanCellView, PlanYearHead, ReformNav, revisionValueText, StateBadge } from "./reform-common.js";

const SOURCE_LABELS: Record<string, string> = { edit: "直接編集", approval: "更新依頼の承認", import: "ファイル取込" };

function ratioText(ratio: number | null): string {
  return ratio === null ? "—" : `${ratio.toLocaleString("ja-JP", { maximumFractionDigits: 1 })}%`;
}

function num(value: number | undefined | null, unit = ""): string {
  return value === undefined || value === null ? "" : `${value.toLocaleString("ja-JP")}${unit}`;
}

/** One indicator: its chart (an image: the CSP allows no inline SVG styles), its figures by year and 達成率. */
export function IndicatorPanel(props: { indicator: IndicatorView; headingLevel?: 3 | 4; children?: Child }) {
  const ind = props.indicator;
  const latest = ind.ratios[ind.ratios.length - 1];
  const heading = `${ind.name}(${ind.unit})`;
  return (
    <section class="indicator" id={`indicator-${ind.id}`} data-indicator={ind.name}>
      {props.headingLevel === 4 ? <h4>{heading}</h4> : <h3>{heading}</h3>}
      <p class="ratio">
        達成率:{" "}
        {latest ? (
          <>
            <strong data-ratio={latest.ratio ?? ""}>{ratioText(latest.ratio)}</strong>({formatFiscalYear(latest.fiscalYear)} 目標 {num(latest.target, ind.unit)} に対し実績{" "}
            {num(latest.actual, ind.unit)}
            {ind.cumulative && ind.baselineValue !== null ? `、基準値 ${num(ind.baselineValue, ind.unit)}からの伸びで計算` : ""})
          </>
        ) : (
          <span>目標と実績がそろった年度がないため計算できません</span>
        )}
      </p>
      <div class="indicator-body">
        {ind.years.length > 0 ? (
          <figure class="chart indicator-chart">
            <img src={`/reform/indicators/${ind.id}/chart.svg`} alt={`${ind.name}の目標と実績の推移`} width={640} height={300} />
          </figure>
        ) : null}
        <div class="indicator-side">
          <div class="table-scroll">
            <table class="data indicator-values">
              <caption>{ind.name}の目標と実績</caption>
              <thead>
                <tr>
                  <th scope="col">年度</th>
                  <th scope="col">目標</th>
                  <th scope="col">実績</th>
                  <th scope="col">達成率</th>
                </tr>
              </thead>
              <tbody>
                {ind.years.map((fy) => (
                  <tr data-year={fy}>
                    <th scope="row">
                      {formatFiscalYearShort(fy)} ({fy}){ind.baselineYear === fy ? " 基準年度" : ""}
                    </th>
                    <td class="num" data-col="target">
                      {num(ind.targets[fy])}
                    </td>
                    <td class="num" data-col="actual">
                      {num(ind.actuals[fy] ?? (ind.baselineYear === fy ? ind.baselineValue : undefined))}
                    </td>
                    <td class="num" data-col="ratio">
                      {(() => {
                        const r = ind.ratios.find((x) => x.fiscalYear === fy);
                        return r ? ratioText(r.ratio) : "";
                      })()}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {ind.baselineValue !== null ? (
            <p class="note">
              基準値: {num(ind.baselineValue, ind.unit)}({ind.baselineYear === null ? "" : formatFiscalYear(ind.baselineYear)}){ind.cumulative ? " ・累計の指標" : ""}
            </p>
          ) : null}
          {ind.note ? <p class="note">{ind.note}</p> : null}
          {props.children}
        </div>
      </div>
    </section>
  );
}

export function ItemSheetPage(props: { session: SessionContext; csrfToken: string; sheet: ItemSheet; notice?: string | undefined }) {
  const { sheet, session } = props;
  const item = sheet.item;
  const admin = canAdminister(session.actor);
  const title = `(${item.number}) ${item.name}`;
  const pastRows = [
    ...(item.currentResult ? [{ fiscalYear: item.editionYear, plan: item.plans[item.editionYear], result: item.currentResult }] : []),
    ...item.history,
  ];
  return (
    <Layout title={title} session={session} csrfToken={props.csrfToken} current="/reform">
      <h1>
        {title} <StateBadge state={item.state} />
      </h1>
      <ReformNav current="" actor={session.actor} />
      <Alerts notice={props.notice} />
      <p class="lead">
        <a href={`/reform?year=${sheet.edition.fiscalYear}`}>{sheet.edition.title}</a> の重点推進項目
        {sheet.otherEditions.length > 0 ? (
          <>
            {" "}
            ・ 他の版:{" "}
            {sheet.otherEditions.map((e) => (
              <>
                <a href={`/reform/items/${e.itemId}`}>{formatEraYear(e.fiscalYear)}</a>{" "}
              </>
            ))}
          </>
        ) : null}
      </p>
      {admin ? (
        <p class="actions">
          <a class="button" href={`/reform/items/${item.id}/edit`}>
            この項目を編集
          </a>
        </p>
      ) : null}
      <div class="table-scroll">
        <table class="data sheet" id="sheet">
          <caption>{formatFiscalYear(sheet.edition.fiscalYear)} 業務改革の重点推進項目</caption>
          <tbody>
            <tr>
              <th scope="row">事業名</th>
              <td colspan={3} data-field="name">
                <strong>{title}</strong>
              </td>
              <td data-field="state">{item.state}</td>
            </tr>
            <tr>
              <th scope="row">担当課</th>
              <td colspan={4} data-field="units">
                {item.unitLabels.join("、")}
              </td>
            </tr>
            <tr>
              <th scope="row">取組内容</th>
              <td colspan={4} data-field="content" class="blocks">
                <Blocks blocks={item.content} />
              </td>
            </tr>
            <tr>
              <th scope="rowgroup" rowspan={2}>
                取組計画
              </th>
              {sheet.years.map((fy, i) => (
                <th scope="col" class="plan-year">
                  <PlanYearHead year={fy} last={i === sheet.years.length - 1} />
                </th>
              ))}
            </tr>
            <tr class="plan-row">
              {sheet.years.map((fy) => (
                <td id={`plan-${fy}`} data-plan-year={fy}>
                  <PlanCellView cell={item.plans[fy]} resolved={sheet.resolved[fy]} leftYear={fy - 1} />
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">取組効果</th>
              <td colspan={4} data-field="effect" class="blocks">
                <Blocks blocks={item.effect} />
              </td>
            </tr>
            <tr>
              <th scope="row">これまでの取組計画・実績</th>
              <td colspan={4} class="history-cell">
                <table class="data history" id="history">
                  <thead>
                    <tr>
                      <th scope="col">区分</th>
                      <th scope="col">取組計画</th>
                      <th scope="col">取組実績</th>
                    </tr>
                  </thead>
                  <tbody>
                    {pastRows.map((h) => (
                      <tr data-year={h.fiscalYear}>
                        <th scope="row">{formatEraYear(h.fiscalYear)}</th>
                        <td data-kind="plan">
                          <CellView cell={h.plan} />
                        </td>
                        <td data-kind="result">
                          <CellView cell={h.result} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </td>
            </tr>
            <tr>
              <th scope="row">備考</th>
              <td colspan={4} data-field="remarks" class="blocks">
                <Blocks blocks={item.remarks} />
              </td>
            </tr>
          </tbody>
        </table>
      </div>

      <h2>専門部会</h2>
      {sheet.subcommittees.length > 0 ? (
        <ul>
          {sheet.subcommittees.map((s) => (
            <li>
              {s.name}({s.period})— {s.role}
            </li>
          ))}
        </ul>
      ) : (
        <p>この項目を扱う専門部会はありません。</p>
      )}

      <h2>指標(KPI)</h2>
      {sheet.indicators.length > 0 ? (
        <>
          {sheet.indicators.map((ind) => (
            <IndicatorPanel indicator={ind} />
          ))}
          <p>
            <a href="/reform/indicators">指標の値を入力する</a>
          </p>
        </>
      ) : (
        <p>この項目には数値の指標がありません。</p>
      )}

      <h2>推進本部の検証</h2>
      {sheet.verifications.length > 0 ? (
        <table class="data verifications">
          <thead>
            <tr>
              <th scope="col">年度</th>
              <th scope="col">評価</th>
              <th scope="col">意見</th>
              <th scope="col">次年度の方針</th>
              <th scope="col">記録</th>
            </tr>
          </thead>
          <tbody>
            {sheet.verifications.map((v) => (
              <tr data-year={v.fiscalYear}>
                <th scope="row">{formatFiscalYear(v.fiscalYear)}</th>
                <td>{v.evaluation}</td>
                <td>{v.opinion}</td>
                <td>{v.decision}</td>
                <td>
                  <small>
                    {v.verifiedBy} {formatTimestamp(v.verifiedAt)}
                  </small>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>まだ検証の記録はありません。</p>
      )}

      <h2 id="revisions">変更履歴</h2>
      <RevisionList revisions={sheet.revisions} />
    </Layout>
  );
}

export function RevisionList(props: { revisions: ItemSheet["revisions"] }) {
  if (props.revisions.length === 0) return <p>この版での変更はまだありません。</p>;
  return (
    <table class="data revisions">
      <thead>
        <tr>
          <th scope="col">日時</th>
          <th scope="col">変更者</th>
          <th scope="col">経路</th>
          <th scope="col">変更内容(変更前 → 変更後)</th>
        </tr>
      </thead>
      <tbody>
        {props.revisions.map((r) => (
          <tr>
            <td class="when">{formatTimestamp(r.at)}</td>
            <td>{r.actor}</td>
            <td>{SOURCE_LABELS[r.source] ?? r.source}</td>
            <td>
              <ul class="diff">
                {r.changes.map((c) => (
                  <li data-field={c.field}>
                    <strong>{c.field}</strong>
                    <div class="diff-pair">
                      <del aria-label="変更前">{revisionValueText(c.before)}</del>
                      <span aria-hidden="true"> → </span>
                      <ins aria-label="変更後">{revisionValueText(c.after)}</ins>
                    </div>
                  </li>
                ))}
              </ul>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
