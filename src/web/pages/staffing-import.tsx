import { formatFiscalYear } from "../../domain/era.js";
import { formatProblem, type ImportProblem } from "../../io/problems.js";
import type { SessionContext } from "../../services/auth.js";
import type { HeadcountPreview } from "../../services/headcount-transfer.js";
import { Layout } from "../layout.js";
import { StaffingNav } from "./staffing-common.js";

export interface ImportPageProps {
  session: SessionContext;
  csrfToken: string;
  preview?: HeadcountPreview;
  /** The checked file, carried to the apply step so the user does not upload it twice. */
  carried?: { filename: string; base64: string; encoding: string; layout: string };
  problems?: ImportProblem[];
  error?: string;
}

function ProblemTable(props: { problems: ImportProblem[] }) {
  return (
    <table class="data">
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

export function ImportPage(props: ImportPageProps) {
  const errors = (props.problems ?? props.preview?.result.problems ?? []).filter((p) => p.severity === "error");
  const problems = props.problems ?? props.preview?.result.problems ?? [];
  return (
    <Layout title="職員数の取込" session={props.session} csrfToken={props.csrfToken} current="/staffing">
      <h1>職員数ファイルの取込</h1>
      <StaffingNav current="/staffing/import" />
      <p class="lead">
        図表4と同じ形(組織が行・年度が列)の表、または「組織・年度・区分・人数」の縦長の表を、Excel(xlsx)かCSV(UTF-8 / Shift_JIS)で取り込みます。
        まず内容を確認し、誤りが一つもないときだけ取り込めます。誤りがあれば何も書き込みません。
      </p>
      {props.error ? (
        <p class="alert error" role="alert">
          {props.error}
        </p>
      ) : null}
      {props.preview ? (
        <section>
          <h2>確認結果: {props.carried?.filename}</h2>
          <p>
            形式: {props.preview.kind === "xlsx" ? `Excel (シート「${props.preview.sheet}」)` : `CSV (${props.preview.encoding === "shift_jis" ? "Shift_JIS" : "UTF-8"})`} ・{" "}
            {props.preview.layout === "table" ? "図表4の形" : "縦長の形"} ・ 年度 {props.preview.result.years.map(formatFiscalYear).join("、")} ・{" "}
            {props.preview.result.records.length}件の組織×年度
            {props.preview.result.quotas.length > 0 ? ` ・ 定数 ${props.preview.result.quotas.length}件` : ""}
          </p>
          {props.preview.changes.length > 0 ? (
            <p>変更される組織×年度: {props.preview.changes.map((c) => `${formatFiscalYear(c.fiscalYear)} ${c.units}件`).join("、")}</p>
          ) : (
            <p>登録済みの値と同じため、職員数の変更はありません。</p>
          )}
        </section>
      ) : null}
      {problems.length > 0 ? (
        <section>
          <h2>
            誤り {errors.length}件・注意 {problems.length - errors.length}件
          </h2>
          <ProblemTable problems={problems} />
        </section>
      ) : null}
      {props.preview && props.carried && errors.length === 0 ? (
        <form method="post" action="/staffing/import">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <input type="hidden" name="step" value="apply" />
          <input type="hidden" name="filename" value={props.carried.filename} />
          <input type="hidden" name="encoding" value={props.carried.encoding} />
          <input type="hidden" name="layout" value={props.carried.layout} />
          <input type="hidden" name="data" value={props.carried.base64} />
          <p>
            <button type="submit">この内容で取り込む</button>
          </p>
        </form>
      ) : null}
      <h2>ファイルを選ぶ</h2>
      <form class="stack" method="post" action="/staffing/import" enctype="multipart/form-data">
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <input type="hidden" name="step" value="preview" />
        <div>
          <label for="file">ファイル (xlsx / csv)</label>
          <input id="file" name="file" type="file" accept=".xlsx,.csv,.tsv,.txt" required />
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
          <label for="layout">表の形</label>
          <select id="layout" name="layout">
            <option value="auto">自動判定</option>
            <option value="table">図表4の形 (組織×年度)</option>
            <option value="long">縦長 (組織・年度・区分・人数)</option>
          </select>
        </div>
        <div>
          <button type="submit">内容を確認する</button>
        </div>
      </form>
      <h2>書き出し</h2>
      <ul>
        <li>
          <a href="/staffing/headcounts.xlsx">図表4の形 (Excel)</a> ・ <a href="/staffing/headcounts.csv">図表4の形 (CSV UTF-8)</a> ・{" "}
          <a href="/staffing/headcounts.csv?encoding=shift_jis">図表4の形 (CSV Shift_JIS)</a>
        </li>
        <li>
          <a href="/staffing/headcounts.xlsx?layout=long">縦長 (Excel)</a> ・ <a href="/staffing/headcounts.csv?layout=long">縦長 (CSV UTF-8)</a> ・{" "}
          <a href="/staffing/headcounts.csv?layout=long&encoding=shift_jis">縦長 (CSV Shift_JIS)</a>
        </li>
      </ul>
    </Layout>
  );
}
