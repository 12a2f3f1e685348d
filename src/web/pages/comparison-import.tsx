import { formatProblem, type ImportProblem } from "../../io/problems.js";
import type { SessionContext } from "../../services/auth.js";
import { COMPARISON_IMPORT_KINDS, type ComparisonPreview, IMPORT_KIND_LABELS } from "../../services/comparison-import.js";
import { Layout } from "../layout.js";
import { ComparisonNav } from "./comparison-common.js";

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

function ProblemTable(props: { problems: ImportProblem[] }) {
  return (
    <table class="data problems">
      <thead>
        <tr>
          <th scope="col">種類</th>
          <th scope="col">場所</th>
          <th scope="col">内容</th>
        </tr>
      </thead>
      <tbody>
        {props.problems.map((p) => (
          <tr class={p.severity === "error" ? "problem-error" : "problem-warning"}>
            <td>{p.severity === "error" ? "誤り" : "注意"}</td>
            <td>{p.cell ?? `${p.row}行目`}</td>
            <td>{formatProblem(p).replace(/^[^:]+: /, "")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const LAYOUTS: { kind: string; text: string }[] = [
  { kind: "類似団体別の平均", text: "「類型」の列(Ⅱ－３、II-3、中核市…)、「団体数」「人口」、部門ごとに「単純値」「修正値」(結合した見出しの下に)。一般行政計・普通会計計には「職員数」も置けます。" },
  { kind: "団体別職員数", text: "「団体コード」(6桁、検査数字を確認)「都道府県」「団体名」「類型」「人口」と部門ごとの職員数。図表8の形(普通会計・一般行政部門の職員数と人口1万当たり、「II-3 (107団体) 合計」の行)も読めます。" },
  { kind: "定員管理診断表", text: "図表10の形: 「大部門」の列、「R5.4.1 現在職員数」(A)「R6.4.1 現在職員数」(B)、B-A、単純値・修正値ごとの職員数・超過数・超過率。超過数・超過率・増減は計算し直して確かめます。" },
  { kind: "ラスパイレス指数", text: "「年度」「本市」「類似団体平均」「全国市平均」の列(他団体は「室蘭市(012050)」のように団体コードを付けて)。年度を列にした表も読めます。" },
  { kind: "定員回帰指標の係数", text: "「年度」「部門」(普通会計/一般行政)「定数項」「人口の係数」「面積の係数」。" },
];

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
      {props.notice ? (
        <p class="alert success" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.error ? (
        <p class="alert error" role="alert">
          {props.error}
        </p>
      ) : null}
      {p ? (
        <section aria-labelledby="checked">
          <h2 id="checked">確認結果: {props.carried?.filename}</h2>
          <p>
            表: <strong data-kind={p.kind ?? ""}>{p.kind ? IMPORT_KIND_LABELS[p.kind] : "(判別できません)"}</strong> ・ 形式:{" "}
            {p.fileKind === "xlsx" ? `Excel (シート「${p.sheets.join("」「")}」)` : `CSV (${p.encoding === "shift_jis" ? "Shift_JIS" : "UTF-8"})`}
          </p>
          {p.summary.length > 0 ? (
            <ul class="summary-list">
              {p.summary.map((line) => (
                <li>{line}</li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}
      {problems.length > 0 ? (
        <section aria-labelledby="problems" role={errors.length > 0 ? "alert" : undefined}>
          <h2 id="problems">
            誤り {errors.length}件・注意 {problems.length - errors.length}件
          </h2>
          {errors.length > 0 ? <p>誤りを直したファイルを選び直してください。このファイルからは何も取り込んでいません。</p> : null}
          <ProblemTable problems={problems} />
        </section>
      ) : null}
      {p && props.carried && errors.length === 0 ? (
        <form method="post" action="/comparison/import">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <input type="hidden" name="step" value="apply" />
          <input type="hidden" name="filename" value={props.carried.filename} />
          <input type="hidden" name="encoding" value={props.carried.encoding} />
          <input type="hidden" name="kind" value={props.carried.kind} />
          <input type="hidden" name="fiscalYear" value={props.carried.fiscalYear} />
          <input type="hidden" name="data" value={props.carried.base64} />
          <p>
            <button type="submit">この内容で取り込む</button>
          </p>
        </form>
      ) : null}
      <h2>ファイルを選ぶ</h2>
      <form class="stack" method="post" action="/comparison/import" enctype="multipart/form-data">
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <input type="hidden" name="step" value="preview" />
        <div>
          <label for="file">ファイル (xlsx / csv)</label>
          <input id="file" name="file" type="file" accept=".xlsx,.csv,.txt" required />
        </div>
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
        <div>
          <label for="encoding">CSVの文字コード</label>
          <select id="encoding" name="encoding">
            <option value="auto">自動判定</option>
            <option value="utf-8">UTF-8</option>
            <option value="shift_jis">Shift_JIS (Windows)</option>
          </select>
        </div>
        <div>
          <button type="submit">内容を確認する</button>
        </div>
      </form>
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
