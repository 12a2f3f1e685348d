import { groupLabel, KIND_LABELS, parseGroupKey } from "../../domain/comparison.js";
import { formatFiscalYear } from "../../domain/era.js";
import { READ_VALUES_FIELD, serializeReadValues } from "../../domain/read-values.js";
import { canAdminister } from "../../domain/roles.js";
import type { MunicipalityKind } from "../../domain/similar-group.js";
import type { SessionContext } from "../../services/auth.js";
import { MUNICIPALITY_KINDS } from "../../domain/similar-group.js";
import { type ClassificationView } from "../../services/comparison/classification.js";
import { Layout } from "../layout.js";
import { Alerts } from "./components.js";
import { fmt } from "./staffing-common.js";
import { ComparisonNav, YearPicker } from "./comparison-common.js";

export interface ClassificationPageProps {
  session: SessionContext;
  csrfToken: string;
  view: ClassificationView;
  notice?: string;
  error?: string;
  /** The form as typed, when it was refused. */
  entered?: Record<string, string>;
}

function percent(value: number): string {
  return `${value.toLocaleString("ja-JP", { maximumFractionDigits: 2 })}%`;
}

/**
 * The 類型 grid of the year's scheme as the seed's 図表7 draws it (一般市 16 types, 町村 15; 28 都市 types in a year of
 * the 平成11年度 scheme), the municipality's cell marked. Every label comes from the scheme (view.grid).
 */
function Grid(props: { grid: NonNullable<ClassificationView["grid"]>; own: string | null; name: string }) {
  const { kind, layout } = props.grid;
  const twoRows = layout.groups.some((g) => g.columns.some((c) => c.tertiary !== null));
  return (
    <div class="table-scroll">
      <table class="data zuhyo classify" id="zuhyo7">
        <caption>
          (図表7) 類似団体区分の判定 ({kind === "city" ? "一般市" : "町村"} {layout.typeCount}類型)
        </caption>
        <thead>
          <tr>
            <th scope="col" class="corner" colspan={2} rowspan={twoRows ? 2 : 1}>
              産業構造
            </th>
            {layout.groups.map((g) =>
              g.columns.length === 1 && g.columns[0]?.tertiary === null ? (
                <th scope="col" rowspan={twoRows ? 2 : 1}>
                  {g.industrial}
                </th>
              ) : (
                <th scope="colgroup" colspan={g.columns.length}>
                  {g.industrial}
                </th>
              ),
            )}
          </tr>
          {twoRows ? (
            <tr>
              {layout.groups.flatMap((g) => (g.columns.length === 1 && g.columns[0]?.tertiary === null ? [] : g.columns.map((c) => <th scope="col">{c.tertiary ?? ""}</th>)))}
            </tr>
          ) : null}
        </thead>
        <tbody>
          {layout.rows.map((band, i) => (
            <tr>
              {i === 0 ? (
                <th scope="rowgroup" rowspan={layout.rows.length} class="band-head">
                  人口
                </th>
              ) : null}
              <th scope="row">{band.label}</th>
              {layout.groups.flatMap((g) =>
                g.columns.map((col) => {
                  const code = `${band.roman}-${col.digit}`;
                  const mine = props.own === code;
                  return (
                    <td class={mine ? "type own" : "type"} data-group={code} aria-current={mine ? "true" : undefined}>
                      {mine ? (
                        <>
                          <strong>{code}</strong> <span class="badge own-mark">{props.name}</span>
                        </>
                      ) : (
                        code
                      )}
                    </td>
                  );
                }),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Why the inputs give their type, rule by rule, with the conditions of the year's scheme (bands, then the industry digit). */
function Reasoning(props: { view: ClassificationView }) {
  const p = props.view.profile;
  const key = props.view.groupKey;
  if (!p || !key) return null;
  const group = parseGroupKey(key, props.view.fiscalYear);
  if (group.code === null) return <p>{KIND_LABELS[group.kind]}は、それだけで一つのグループです(人口と産業構造による類型はありません)。</p>;
  const [roman, digit] = group.code.split("-");
  const c = props.view.conditions;
  return (
    <ol class="reasoning">
      <li>
        人口 {fmt(p.population)}人 → {c?.band ?? ""} … <strong>{roman}</strong>
      </li>
      {c?.industrial ? (
        <li>
          2次・3次産業の就業者比率 {percent(p.secondaryPercent)} + {percent(p.tertiaryPercent)} = {percent(p.industrialPercent)} … {c.industrial}
        </li>
      ) : null}
      {c?.tertiary ? (
        <li>
          3次産業の就業者比率 {percent(p.tertiaryPercent)} … {c.tertiary}
        </li>
      ) : null}
      <li>
        → 類型 <strong>{digit}</strong>: {groupLabel(key)}
      </li>
    </ol>
  );
}

function Field(props: { id: string; label: string; value: string; hint?: string; inputmode?: "numeric" | "decimal" }) {
  return (
    <div>
      <label for={props.id}>{props.label}</label>
      <input id={props.id} name={props.id} type="text" value={props.value} inputmode={props.inputmode} />
      {props.hint ? <span class="hint">{props.hint}</span> : null}
    </div>
  );
}

export function ClassificationPage(props: ClassificationPageProps) {
  const v = props.view;
  const p = v.profile;
  const name = props.session.municipality.name;
  const group = v.groupKey ? parseGroupKey(v.groupKey, v.fiscalYear) : null;
  const e = props.entered;
  const value = (key: string, stored: string) => e?.[key] ?? stored;
  return (
    <Layout title="類似団体区分の判定(図表7)" session={props.session} csrfToken={props.csrfToken} current="/comparison">
      <h1>類似団体区分の判定</h1>
      <ComparisonNav current="/comparison" session={props.session} />
      <Alerts notice={props.notice} />
      <p class="lead">
        総務省は全市区町村を指定都市・中核市・施行時特例市・一般市・特別区・町村に区分し、一般市は人口と産業構造(就業者の2次・3次産業の比率)により16類型、町村は15類型に分けています。
      </p>
      <YearPicker action="/comparison" years={v.years} selected={v.fiscalYear} />
      {p && v.groupKey ? (
        <section aria-labelledby="result">
          <h2 id="result">
            {formatFiscalYear(v.fiscalYear)}: {name}は「{groupLabel(v.groupKey)}」
          </h2>
          {v.description ? <p>{v.description}</p> : null}
          <Reasoning view={v} />
          {v.rosterGroup && v.rosterGroup !== v.groupKey ? (
            <p class="alert warning" role="status">
              取り込んだ総務省の団体別職員数では「{groupLabel(v.rosterGroup)}」になっています。入力した人口・比率が総務省の用いた値(国勢調査)と同じか確認してください。
            </p>
          ) : null}
        </section>
      ) : (
        <p class="alert warning" role="status">
          {formatFiscalYear(v.fiscalYear)}の判定の入力(人口、2次・3次産業の比率)がありません。
          {v.rosterGroup ? `取り込んだ総務省の団体別職員数では「${groupLabel(v.rosterGroup)}」です。` : ""}
        </p>
      )}
      {v.grid ? <Grid grid={v.grid} own={group?.code ?? null} name={name} /> : null}
      {v.gridNote ? (
        <p class="alert warning" role="status" data-grid-note>
          {v.gridNote}
        </p>
      ) : null}
      {p ? (
        <dl class="facts">
          <dt>団体の区分</dt>
          <dd>{KIND_LABELS[p.kind]}</dd>
          <dt>住基人口</dt>
          <dd data-fact="population">{fmt(p.population)}人</dd>
          <dt>第2次産業の就業者比率</dt>
          <dd data-fact="secondary">{percent(p.secondaryPercent)}</dd>
          <dt>第3次産業の就業者比率</dt>
          <dd data-fact="tertiary">{percent(p.tertiaryPercent)}</dd>
          <dt>2次・3次の合計</dt>
          <dd data-fact="industrial">{percent(p.industrialPercent)}</dd>
          <dt>面積</dt>
          <dd>{p.areaKm2 === null ? "(未入力)" : `${p.areaKm2.toLocaleString("ja-JP")} km²`}</dd>
          <dt>出典・注記</dt>
          <dd>{p.source || "(なし)"}</dd>
        </dl>
      ) : null}
      {canAdminister(props.session.actor) ? (
        <section aria-labelledby="edit">
          <h2 id="edit">判定の入力を変更</h2>
          <form class="inline" method="post" action="/comparison/classification">
            <Alerts error={props.error} />
            <input type="hidden" name="_csrf" value={props.csrfToken} />
            <input type="hidden" name={READ_VALUES_FIELD} value={serializeReadValues(v.read)} />
            <Field id="fiscalYear" label="年度" value={value("fiscalYear", String(v.fiscalYear))} hint="例: 令和6年度、R6、2024" />
            <div>
              <label for="kind">団体の区分</label>
              <select id="kind" name="kind">
                {MUNICIPALITY_KINDS.map((k: MunicipalityKind) => (
                  <option value={k} selected={value("kind", p?.kind ?? "city") === k}>
                    {KIND_LABELS[k]}
                  </option>
                ))}
              </select>
            </div>
            <Field id="population" label="住基人口" value={value("population", p ? String(p.population) : "")} inputmode="numeric" />
            <Field id="secondaryPercent" label="第2次産業の比率(%)" value={value("secondaryPercent", p ? String(p.secondaryPercent) : "")} inputmode="decimal" />
            <Field id="tertiaryPercent" label="第3次産業の比率(%)" value={value("tertiaryPercent", p ? String(p.tertiaryPercent) : "")} inputmode="decimal" />
            <Field id="areaKm2" label="面積(km²、任意)" value={value("areaKm2", p?.areaKm2 === null || p?.areaKm2 === undefined ? "" : String(p.areaKm2))} inputmode="decimal" hint="定員回帰指標に使います" />
            <Field id="source" label="出典・注記" value={value("source", p?.source ?? "")} />
            <div>
              <button type="submit">判定して保存</button>
            </div>
          </form>
        </section>
      ) : null}
      <p class="footnote">※比率は国勢調査の就業者数による(分類不能の産業を除く)。境界の値は「以上」の側に含めます(例: 人口50,000人は II、2次・3次がちょうど90%は「90%以上」)。</p>
    </Layout>
  );
}
