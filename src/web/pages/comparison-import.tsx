import type { ImportProblem } from "../../io/problems.js";
import { describeUploadFormat } from "../../io/upload.js";
import type { SessionContext } from "../../services/auth.js";
import { COMPARISON_IMPORT_KINDS, type ComparisonPreview, IMPORT_KIND_LABELS } from "../../services/comparison-import.js";
import { changeCountsText, changeValueText, type ComparisonChanges, LISTED_COMPARISON_CHANGES } from "../../services/comparison-import-changes.js";
import { Layout } from "../layout.js";
import { ComparisonNav } from "./comparison-common.js";
import { Alerts, ApplyForm, EncodingSelect, FileField, ProblemSection, UploadForm } from "./components.js";

export interface ComparisonImportPageProps {
  session: SessionContext;
  csrfToken: string;
  preview?: ComparisonPreview;
  /** The checked file, carried to the apply step so it is not uploaded twice. */
  carried?: { filename: string; base64: string; encoding: string; kind: string; fiscalYear: string };
  problems?: ImportProblem[];
  error?: string;
  notice?: string;
}

const LAYOUTS: { kind: string; text: string }[] = [
  { kind: "類似団体別の平均", text: "「類型」の列(Ⅱ－３、II-3、中核市…)、「団体数」「人口」、部門ごとに「単純値」「修正値」(結合した見出しの下に)。一般行政計・普通会計計には「職員数」も置けます。" },
  { kind: "団体別職員数", text: "「団体コード」(6桁、検査数字を確認)「都道府県」「団体名」「類型」「人口」と部門ごとの職員数。図表8の形(普通会計・一般行政部門の職員数と人口1万当たり、「II-3 (107団体) 合計」の行)も読めます。" },
  { kind: "定員管理診断表", text: "図表10の形: 「大部門」の列、「R5.4.1 現在職員数」(A)「R6.4.1 現在職員数」(B)、B-A、単純値・修正値ごとの職員数・超過数・超過率。超過数・超過率・増減は計算し直して確かめます。" },
  { kind: "ラスパイレス指数", text: "「年度」「本市」(本町・本村)「類似団体平均」と「全国市平均」「全国町村平均」「全国平均」「北海道平均」などの列(それぞれの意味のまま取り込みます。他団体は「室蘭市(012050)」のように団体コードを付けて)。年度を列にした表も読めます。" },
  { kind: "定員回帰指標の係数", text: "「年度」「部門」(普通会計/一般行政)「定数項」「人口の係数」「面積の係数」。" },
];

/** The values the file would write, stored → new: the first LISTED_COMPARISON_CHANGES, then how many more. */
function ChangeList(props: { changes: ComparisonChanges }) {
  const { listed, changed, unchanged } = props.changes;
  const more = changed - listed.length;
  return (
    <>
      <p id="change-counts">{changeCountsText(props.changes)}</p>
      {listed.length > 0 ? (
        <table class="data" id="value-changes">
          <caption>
            変わる値{more > 0 ? ` (最初の${LISTED_COMPARISON_CHANGES}件)` : ""}
          </caption>
          <thead>
            <tr>
              <th scope="col">行</th>
              <th scope="col">項目</th>
              <th scope="col">登録済み</th>
              <th scope="col">取込後</th>
            </tr>
          </thead>
          <tbody>
            {listed.map((c) => (
              <tr>
                <th scope="row">{c.row}</th>
                <td>{c.field}</td>
                <td class="num">{changeValueText(c.before)}</td>
                <td class="num">{changeValueText(c.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : changed === 0 && unchanged > 0 ? (
        <p>登録済みの値と同じため、取り込んでも何も変わりません。</p>
      ) : null}
      {more > 0 ? <p id="value-changes-more">ほかに {more.toLocaleString("ja-JP")}件の値が変わります。</p> : null}
    </>
  );
}

export function ComparisonImportPage(props: ComparisonImportPageProps) {
  const problems = props.problems ?? props.preview?.problems ?? [];
  const errors = problems.filter((p) => p.severity === "error");
  const p = props.preview;
  return (
    <Layout title="類似団体比較のデータの取込" session={props.session} csrfToken={props.csrfToken} current="/comparison">
      <h1>類似団体比較のデータの取込</h1>
      <ComparisonNav current="/comparison/import" session={props.session} />
      <p class="lead">
        総務省の「類似団体別職員数の状況」「定員管理診断表」などを、Excel(xlsx)かCSV(UTF-8 / Shift_JIS)で取り込みます。全角数字、「Ⅱ－３」、▲(負の数)、桁区切りのカンマ、結合したセルの見出しも読めます。
        まず内容を確認し、誤りが一つもないときだけ取り込めます。誤りがあれば何も書き込みません。
      </p>
      <Alerts error={props.error} notice={props.notice} />
      {p ? (
        <section aria-labelledby="checked">
          <h2 id="checked">確認結果: {props.carried?.filename}</h2>
          <p>
            表: <strong data-kind={p.kind ?? ""}>{p.kind ? IMPORT_KIND_LABELS[p.kind] : "(判別できません)"}</strong> ・ 形式:{" "}
            {describeUploadFormat({ kind: p.fileKind, encoding: p.encoding, delimiter: p.delimiter, sheets: p.sheets })}
          </p>
          {p.summary.length > 0 ? (
            <ul class="summary-list">
              {p.summary.map((line) => (
                <li>{line}</li>
              ))}
            </ul>
          ) : null}
          {p.changes && errors.length === 0 ? <ChangeList changes={p.changes} /> : null}
        </section>
      ) : null}
      <ProblemSection problems={problems} tableClass="data problems" id="problems">
        {errors.length > 0 ? <p>誤りを直したファイルを選び直してください。このファイルからは何も取り込んでいません。</p> : null}
      </ProblemSection>
      {p && props.carried && errors.length === 0 ? (
        <ApplyForm
          action="/comparison/import"
          csrfToken={props.csrfToken}
          carried={{
            filename: props.carried.filename,
            encoding: props.carried.encoding,
            kind: props.carried.kind,
            fiscalYear: props.carried.fiscalYear,
            data: props.carried.base64,
          }}
        />
      ) : null}
      <h2>ファイルを選ぶ</h2>
      <UploadForm action="/comparison/import" csrfToken={props.csrfToken} step="preview">
        <FileField accept=".xlsx,.csv,.txt" />
        <div>
          <label for="kind">取り込む表</label>
          <select id="kind" name="kind">
            <option value="auto">自動判定</option>
            {COMPARISON_IMPORT_KINDS.map((k) => (
              <option value={k}>{IMPORT_KIND_LABELS[k]}</option>
            ))}
          </select>
        </div>
        <div>
          <label for="fiscalYear">年度(ファイルに書かれていないとき)</label>
          <input id="fiscalYear" name="fiscalYear" type="text" value="" />
          <span class="hint">例: 令和6年度、R6、2024。表題の「令和6年4月1日現在」や「年度」の列があればそれを使います。</span>
        </div>
        <EncodingSelect />
      </UploadForm>
      <h2>読める表の形</h2>
      <dl class="layouts">
        {LAYOUTS.map((l) => (
          <>
            <dt>{l.kind}</dt>
            <dd>{l.text}</dd>
          </>
        ))}
      </dl>
    </Layout>
  );
}
