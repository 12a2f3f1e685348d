import { formatFiscalYear } from "../../domain/era.js";
import { READ_VALUES_FIELD, serializeReadValues } from "../../domain/read-values.js";
import type { SessionContext } from "../../services/auth.js";
import type { IndicatorView, SubcommitteeView } from "../../services/reform-views.js";
import { Layout } from "../layout.js";
import { Alerts } from "./components.js";
import { IndicatorPanel } from "./reform-item.js";
import { ReformNav } from "./reform-common.js";

/** 図表2/図表3: the expert subcommittees, their role, period and the items they work on. */
export function SubcommitteesPage(props: { session: SessionContext; csrfToken: string; subcommittees: SubcommitteeView[] }) {
  const { session } = props;
  return (
    <Layout title="専門部会" session={session} csrfToken={props.csrfToken} current="/reform">
      <h1>専門部会</h1>
      <ReformNav current="/reform/subcommittees" actor={session.actor} />
      <p class="lead">行政改革推進本部を柱に、分野ごとの具体的な検討を行う専門部会です(図表2 DX推進体制・図表3 専門部会設置状況)。</p>
      <div class="table-scroll">
        <table class="data subcommittees" id="subcommittees">
          <caption>(図表3) 専門部会設置状況</caption>
          <thead>
            <tr>
              <th scope="col">専門部会名称</th>
              <th scope="col">役割</th>
              <th scope="col">期間</th>
              <th scope="col">関連する重点推進項目</th>
            </tr>
          </thead>
          <tbody>
            {props.subcommittees.map((s) => (
              <tr data-code={s.code}>
                <th scope="row">{s.name}</th>
                <td>{s.role}</td>
                <td class="period" data-col="period">
                  <abbr title={`${s.fromYear === null ? "" : formatFiscalYear(s.fromYear)}～${s.toYear === null ? "" : formatFiscalYear(s.toYear)}`}>{s.period}</abbr>
                </td>
                <td>
                  {s.items.map((i) => (
                    <div>
                      <a href={`/reform/items/${i.id}`}>
                        ({i.number}) {i.name}
                      </a>
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

export interface IndicatorFormError {
  indicatorId: number;
  message: string;
  entered: Record<string, string>;
}

/** All indicators with chart and 達成率; the item's divisions and the secretariat enter figures per year. */
export function IndicatorsPage(props: {
  session: SessionContext;
  csrfToken: string;
  indicators: IndicatorView[];
  canEnter: (indicator: IndicatorView) => boolean;
  notice?: string | undefined;
  error?: IndicatorFormError | undefined;
}) {
  const { session } = props;
  const groups: { key: string; item: IndicatorView["item"]; list: IndicatorView[] }[] = [];
  for (const ind of props.indicators) {
    const group = groups.find((g) => g.key === ind.lineageKey);
    if (group) group.list.push(ind);
    else groups.push({ key: ind.lineageKey, item: ind.item, list: [ind] });
  }
  groups.sort((a, b) => (a.item?.number ?? 999) - (b.item?.number ?? 999));
  return (
    <Layout title="指標(KPI)" session={session} csrfToken={props.csrfToken} current="/reform">
      <h1>指標(KPI)</h1>
      <ReformNav current="/reform/indicators" actor={session.actor} />
      <Alerts notice={props.notice} />
      <p class="lead">重点推進項目ごとの数値の指標です。達成率は 実績 ÷ 目標(累計の指標は基準値からの伸び ÷ 計画した伸び)です。</p>
      {groups.length === 0 ? <p>指標はまだありません。</p> : null}
      {groups.map((g) => (
        <section class="indicator-group">
          <h2>{g.item ? <a href={`/reform/items/${g.item.id}`}>({g.item.number}) {g.item.name}</a> : "(現在の版にない項目)"}</h2>
          {g.list.map((ind) => {
            const error = props.error?.indicatorId === ind.id ? props.error : undefined;
            const id = (name: string) => `${name}-${ind.id}`;
            return (
              <IndicatorPanel indicator={ind}>
                {props.canEnter(ind) ? (
                  <form class="inline indicator-form" method="post" action={`/reform/indicators/${ind.id}/values`}>
                    <Alerts error={error?.message} />
                    <input type="hidden" name="_csrf" value={props.csrfToken} />
                    <input type="hidden" name={READ_VALUES_FIELD} value={serializeReadValues(ind.read)} />
                    <div>
                      <label for={id("year")}>年度</label>
                      <input id={id("year")} name="fiscalYear" type="text" value={error?.entered["fiscalYear"] ?? ""} placeholder="例: R7、2025" required />
                    </div>
                    <div>
                      <label for={id("kind")}>種類</label>
                      <select id={id("kind")} name="kind">
                        <option value="actual" selected={error?.entered["kind"] !== "target"}>
                          実績
                        </option>
                        <option value="target" selected={error?.entered["kind"] === "target"}>
                          目標
                        </option>
                      </select>
                    </div>
                    <div>
                      <label for={id("value")}>値({ind.unit}) 空欄で削除</label>
                      <input id={id("value")} name="value" type="text" inputmode="decimal" value={error?.entered["value"] ?? ""} />
                    </div>
                    <div>
                      <button type="submit">保存</button>
                    </div>
                  </form>
                ) : null}
              </IndicatorPanel>
            );
          })}
        </section>
      ))}
    </Layout>
  );
}
