/** The 年齢構成 import's preview (issue 10 kind H): how the file was read, what it would change old → new, and the confirm form. */
import { formatFiscalYear } from "../../domain/era.js";
import { cohortLabel } from "../../domain/retirement.js";
import { describeUploadFormat } from "../../io/upload.js";
import type { AgeProfilePreview } from "../../services/age-profile-import.js";
import { ApplyForm, ProblemSection } from "./components.js";

/** At most this many changed cells are listed; the rest are counted (a file of every unit can change thousands). */
export const LISTED_AGE_CHANGES = 200;

/** The checked file, carried to the confirmation with the fingerprint of the stored values the preview compared with. */
export interface AgeImportCarried {
  filename: string;
  base64: string;
  encoding: string;
  basis: string;
}

const count = (v: number | null) => (v === null ? "(なし)" : v.toLocaleString("ja-JP"));

/**
 * The preview of an age-profile file: the format detected (encoding and delimiter of a text file, the sheet read of a
 * workbook), the base years, rows and profiles read, each changed cell 組織・基準年度・生まれ年度・職種 登録済み → 取込後
 * (the first LISTED_AGE_CHANGES, then how many more), the warnings, and 「この内容で取り込む」 only when there is no
 * error and something changes (a file with errors is refused above it, naming each cell). Nothing is written until
 * that is pressed.
 */
export function AgeImportPreview(props: { preview: AgeProfilePreview; carried: AgeImportCarried; csrfToken: string }) {
  const { preview, carried } = props;
  const rows = preview.result.rows;
  const problems = preview.result.problems;
  const errors = problems.filter((p) => p.severity === "error").length;
  const years = [...new Set(rows.map((r) => r.baseYear))].sort((a, b) => a - b);
  const listed = preview.cellChanges.slice(0, LISTED_AGE_CHANGES);
  const more = preview.cellChanges.length - listed.length;
  return (
    <section id="import-preview" aria-labelledby="import-preview-title">
      <h3 id="import-preview-title">確認結果: {carried.filename}</h3>
      <p id="import-format">
        形式: {describeUploadFormat({ ...preview, sheets: [preview.sheet] })} ・ 基準年度 {years.map(formatFiscalYear).join("、") || "なし"} ・ {rows.length.toLocaleString("ja-JP")}行 ・{" "}
        {preview.profiles}件の組織×基準年度
      </p>
      {preview.cellChanges.length > 0 ? (
        <table class="data" id="age-changes">
          <caption>
            変わる値 ({preview.cellChanges.length.toLocaleString("ja-JP")}か所{more > 0 ? `、最初の${LISTED_AGE_CHANGES}か所を表示` : ""})
          </caption>
          <thead>
            <tr>
              <th scope="col">組織</th>
              <th scope="col">基準年度</th>
              <th scope="col">生まれ年度</th>
              <th scope="col">職種</th>
              <th scope="col">登録済み</th>
              <th scope="col">取込後</th>
            </tr>
          </thead>
          <tbody>
            {listed.map((c) => (
              <tr data-unit={c.unit} data-cohort={String(c.cohort)} data-category={c.category}>
                <th scope="row">{c.unit}</th>
                <td>{formatFiscalYear(c.baseYear)}</td>
                <td>{cohortLabel(c.cohort)}</td>
                <td>{c.categoryLabel}</td>
                <td class="num">{count(c.before)}</td>
                <td class="num">{c.after === 0 && c.before !== null ? "0 (ファイルにないため削除)" : count(c.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : rows.length === 0 ? (
        <p>読み取れた行はありません。誤りを直してから、もう一度ファイルを選んでください。</p>
      ) : (
        <p>登録済みの値と同じため、年齢構成の変更はありません。取り込む必要はありません。</p>
      )}
      {more > 0 ? <p id="age-changes-more">ほかに {more.toLocaleString("ja-JP")}か所が変わります。</p> : null}
      {errors === 0 ? <ProblemSection problems={problems} /> : null}
      {errors === 0 && preview.cellChanges.length > 0 ? (
        <ApplyForm
          action="/staffing/age-profile/import"
          csrfToken={props.csrfToken}
          carried={{ filename: carried.filename, encoding: carried.encoding, basis: carried.basis, data: carried.base64 }}
        />
      ) : null}
    </section>
  );
}
