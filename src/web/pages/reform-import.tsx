import { formatEraYear, formatFiscalYear } from "../../domain/era.js";
import type { SheetProblem } from "../../io/reform-sheet.js";
import type { SessionContext } from "../../services/auth.js";
import type { ReformImportPreview } from "../../services/reform-transfer.js";
import type { EditionRef } from "../../services/reform-views.js";
import { Layout } from "../layout.js";
import { Alerts, ApplyForm, FileField, ProblemSection, UploadForm } from "./components.js";
import { ReformNav } from "./reform-common.js";

/** 取込・書出し: item sheets (xlsx) in, checked first, applied all or nothing; exports of every edition. */
export function ReformImportPage(props: {
  session: SessionContext;
  csrfToken: string;
  editions: EditionRef[];
  year: number | null;
  preview?: ReformImportPreview | undefined;
  carried?: { filename: string; base64: string } | undefined;
  problems?: SheetProblem[] | undefined;
  error?: string | undefined;
}) {
  const problems = props.problems ?? props.preview?.problems ?? [];
  const errors = problems.filter((p) => p.severity === "error");
  const changed = props.preview?.items.filter((i) => i.fields.length > 0) ?? [];
  return (
    <Layout title="重点推進項目の取込・書出し" session={props.session} csrfToken={props.csrfToken} current="/reform">
      <h1>重点推進項目の取込・書出し</h1>
      <ReformNav current="/reform/import" actor={props.session.actor} />
      <p class="lead">
        書き出した項目シート(Excel、1項目1シート、冊子と同じ並び)を直して取り込めます。まず内容を確認し、誤りが一つもないときだけ取り込みます。
        誤りがあれば何も書き込みません。変更のない項目は更新されません。
      </p>
      <Alerts error={props.error} />
      {props.preview ? (
        <section>
          <h2>確認結果: {props.carried?.filename}</h2>
          <p>
            {formatFiscalYear(props.preview.fiscalYear)}の版 ・ {props.preview.items.length}シート ・ 変更のある項目 {changed.length}件
          </p>
          {changed.length > 0 ? (
            <ul class="import-changes">
              {changed.map((i) => (
                <li>
                  ({i.number}) {i.name}: {i.fields.join("、")}
                </li>
              ))}
            </ul>
          ) : (
            <p>登録済みの内容と同じため、変更はありません。</p>
          )}
        </section>
      ) : null}
      <ProblemSection problems={problems} tableClass="data problems" withSheet />
      {props.preview && props.carried && errors.length === 0 && changed.length > 0 ? (
        <ApplyForm
          action="/reform/import"
          csrfToken={props.csrfToken}
          carried={{ year: String(props.preview.fiscalYear), filename: props.carried.filename, data: props.carried.base64 }}
        />
      ) : null}
      <h2>ファイルを選ぶ</h2>
      {props.editions.length === 0 ? (
        <p>基本方針の版がまだありません。</p>
      ) : (
        <UploadForm action="/reform/import" csrfToken={props.csrfToken} step="preview">
          <div>
            <label for="year">版</label>
            <select id="year" name="year">
              {props.editions.map((e) => (
                <option value={String(e.fiscalYear)} selected={e.fiscalYear === props.year}>
                  {formatFiscalYear(e.fiscalYear)}
                </option>
              ))}
            </select>
          </div>
          <FileField label="項目シート (xlsx) または書き出した CSV・JSON" accept=".xlsx,.csv,.txt,.json" />
        </UploadForm>
      )}
      <h2>書き出し</h2>
      <ul>
        {props.editions.map((e) => (
          <li>
            {formatEraYear(e.fiscalYear)}: <a href={`/reform/editions/${e.fiscalYear}.xlsx`}>項目シート (Excel)</a> ・{" "}
            <a href={`/reform/editions/${e.fiscalYear}.csv`}>一覧 (CSV UTF-8)</a> ・ <a href={`/reform/editions/${e.fiscalYear}.csv?encoding=shift_jis`}>一覧 (CSV Shift_JIS)</a> ・{" "}
            <a href={`/reform/editions/${e.fiscalYear}.json`}>JSON</a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
