import { formatFiscalYear } from "../../domain/era.js";
import { categoryLabel } from "../../domain/headcount.js";
import type { ImportProblem } from "../../io/problems.js";
import { describeUploadFormat } from "../../io/upload.js";
import type { SessionContext } from "../../services/auth.js";
import type { HeadcountPreview } from "../../services/headcount-transfer.js";
import { Layout } from "../layout.js";
import { Alerts, ApplyForm, EncodingSelect, FileField, ProblemSection, UploadForm } from "./components.js";
import { RollUpGapList, StaffingNav } from "./staffing-common.js";

export interface ImportPageProps {
  session: SessionContext;
  csrfToken: string;
  preview?: HeadcountPreview;
  /** The checked file, carried to the apply step so the user does not upload it twice. */
  carried?: { filename: string; base64: string; encoding: string; layout: string; basis: string };
  problems?: ImportProblem[];
  error?: string;
  /** After a successful import: what was written (the preview taken inside the import's transaction). */
  done?: { filename: string; changed: number; preview: HeadcountPreview };
}

/** Old → new per figure and quota, so the clerk sees which cells change, not only how many (issue 13 point 9). */
function ChangeTable(props: { preview: HeadcountPreview; caption: string }) {
  const { cellChanges, quotaChanges } = props.preview;
  const value = (v: number | null) => (v === null ? "(なし)" : v.toLocaleString("ja-JP"));
  return (
    <table class="data" id="changes">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">組織</th>
          <th scope="col">年度</th>
          <th scope="col">区分</th>
          <th scope="col">登録済み</th>
          <th scope="col">取込後</th>
        </tr>
      </thead>
      <tbody>
        {cellChanges.map((c) => (
          <tr>
            <th scope="row">{c.unit}</th>
            <td>{formatFiscalYear(c.fiscalYear)}</td>
            <td>{categoryLabel(c.category)}</td>
            <td class="num">{value(c.before)}</td>
            <td class="num">{value(c.after)}</td>
          </tr>
        ))}
        {quotaChanges.map((q) => (
          <tr>
            <th scope="row">{q.unit}</th>
            <td>{formatFiscalYear(q.fiscalYear)}から</td>
            <td>定数</td>
            <td class="num">{value(q.before)}</td>
            <td class="num">{value(q.after)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ImportPage(props: ImportPageProps) {
  const problems = props.problems ?? props.preview?.result.problems ?? [];
  const errors = problems.filter((p) => p.severity === "error");
  const changeCount = props.preview ? props.preview.cellChanges.length + props.preview.quotaChanges.length : 0;
  return (
    <Layout title="職員数の取込" session={props.session} csrfToken={props.csrfToken} current="/staffing">
      <h1>職員数ファイルの取込</h1>
      <StaffingNav current="/staffing/import" />
      <p class="lead">
        図表4と同じ形(組織が行・年度が列)の表、または「組織・年度・区分・人数」の縦長の表を、Excel(xlsx)かCSV・タブ区切りテキスト(UTF-8 / Shift_JIS / Excel の「Unicode テキスト」。文字コードと区切り文字は中身から判定します)で取り込みます。
        まず内容を確認し、誤りが一つもないときだけ取り込めます。誤りがあれば何も書き込みません。
      </p>
      <Alerts
        error={props.error}
        notice={
          props.done
            ? `${props.done.filename} を取り込みました: ${props.done.preview.result.years.map(formatFiscalYear).join("、")}の職員数 ${props.done.preview.cellChanges.length}か所${props.done.preview.quotaChanges.length > 0 ? `・定数 ${props.done.preview.quotaChanges.length}件` : ""}を変更しました`
            : undefined
        }
      />
      {props.done ? (
        <section>
          {props.done.preview.cellChanges.length + props.done.preview.quotaChanges.length > 0 ? (
            <ChangeTable preview={props.done.preview} caption="書き込んだ値" />
          ) : (
            <p>登録済みの値と同じため、何も変わっていません。</p>
          )}
          <p>
            <a href={`/staffing/headcounts?year=${props.done.preview.result.years[props.done.preview.result.years.length - 1] ?? ""}`}>職員数の表を見る</a>
          </p>
        </section>
      ) : null}
      {props.preview ? (
        <section>
          <h2>確認結果: {props.carried?.filename}</h2>
          <p>
            形式: {describeUploadFormat({ ...props.preview, sheets: [props.preview.sheet] })} ・{" "}
            {props.preview.layout === "table" ? "図表4の形" : "縦長の形"} ・ 年度 {props.preview.result.years.map(formatFiscalYear).join("、")} ・{" "}
            {props.preview.result.records.length}件の組織×年度
            {props.preview.result.quotas.length > 0 ? ` ・ 定数 ${props.preview.result.quotas.length}件` : ""}
          </p>
          {changeCount > 0 ? (
            <>
              <p>変更される組織×年度: {props.preview.changes.map((c) => `${formatFiscalYear(c.fiscalYear)} ${c.units}件`).join("、")}</p>
              <ChangeTable preview={props.preview} caption={`変わる値 (${changeCount}か所)`} />
            </>
          ) : props.preview.result.records.length === 0 ? (
            <p>読み取れた職員数はありません。下の誤りを直してから、もう一度ファイルを選んでください。</p>
          ) : (
            <p>登録済みの値と同じため、職員数の変更はありません。取り込む必要はありません。</p>
          )}
          <RollUpGapList gaps={props.preview.gaps} withYear />
        </section>
      ) : null}
      <ProblemSection problems={problems} />
      {props.preview && props.carried && errors.length === 0 && changeCount > 0 ? (
        <ApplyForm
          action="/staffing/import"
          csrfToken={props.csrfToken}
          carried={{ filename: props.carried.filename, encoding: props.carried.encoding, layout: props.carried.layout, basis: props.carried.basis, data: props.carried.base64 }}
        />
      ) : null}
      <h2>ファイルを選ぶ</h2>
      <UploadForm action="/staffing/import" csrfToken={props.csrfToken} step="preview">
        <FileField accept=".xlsx,.csv,.tsv,.txt" />
        <EncodingSelect />
        <div>
          <label for="layout">表の形</label>
          <select id="layout" name="layout">
            <option value="auto">自動判定</option>
            <option value="table">図表4の形 (組織×年度)</option>
            <option value="long">縦長 (組織・年度・区分・人数)</option>
          </select>
        </div>
      </UploadForm>
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
