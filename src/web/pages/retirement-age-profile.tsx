import { formatFiscalYear } from "../../domain/era.js";
import { ageCellsText, cohortLabel } from "../../domain/retirement.js";
import { type ImportProblem, formatProblem } from "../../io/problems.js";
import type { SessionContext } from "../../services/auth.js";
import type { AgeProfilePreview } from "../../services/age-profile-import.js";
import type { UnitOption } from "../../services/retirement-views.js";
import { Layout } from "../layout.js";
import { Alerts, EncodingSelect, FileField, UploadForm } from "./components.js";
import { type AgeImportCarried, AgeImportPreview } from "./retirement-age-import.js";
import { fmt, ProblemList, type RowProblemView, StaffingNav } from "./staffing-common.js";

export interface CategoryColumn {
  code: string;
  label: string;
}

/** Name (and id) of one input of the grid: n.<cohort>.<category>. */
export function ageField(cohort: number, category: string): string {
  return `n.${cohort}.${category}`;
}

export interface AgeProfilePageProps {
  session: SessionContext;
  csrfToken: string;
  /** Units that exist in the base year, in tree order. */
  units: UnitOption[];
  /** Units with a profile stored on themselves for the base year. */
  unitsWithProfile: ReadonlySet<number>;
  unit: UnitOption | null;
  baseYear: number;
  yearTyped: string;
  /** Base years that have any profile. */
  baseYears: number[];
  /** Columns of the grid: 一般職 and every category the unit uses. */
  columns: CategoryColumn[];
  /** Every category with a schedule, for adding a column. */
  allCategories: CategoryColumn[];
  /** Rows, oldest cohort first. */
  cohorts: number[];
  /** Stored counts by `${cohort}/${category}`. */
  stored: ReadonlyMap<string, number>;
  /** The cells as first read (after a refused save), carried so saving again still compares with them. */
  read?: string;
  writable: boolean;
  /** Values as posted, when a refused form is shown again. */
  entered?: Record<string, string>;
  problems?: RowProblemView[];
  problemsTitle?: string;
  canImport: boolean;
  importProblems?: ImportProblem[];
  importError?: string;
  /** The import's first step: what the file would change, with the file carried to the confirmation. */
  importPreview?: { preview: AgeProfilePreview; carried: AgeImportCarried };
  notice?: string;
}

function UnitSelector(props: AgeProfilePageProps) {
  return (
    <form class="filters" method="get" action="/staffing/age-profile">
      <div>
        <label for="unit">組織</label>
        <select id="unit" name="unit">
          {props.units.map((u) => (
            <option value={String(u.id)} selected={u.id === props.unit?.id}>
              {"\u3000".repeat(u.depth)}
              {u.name}
              {props.unitsWithProfile.has(u.id) ? " (登録あり)" : ""}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="year">基準年度</label>
        <input id="year" name="year" type="text" value={props.yearTyped} />
      </div>
      <div>
        <label for="add">職種の列を追加</label>
        <select id="add" name="add">
          <option value="">(追加しない)</option>
          {props.allCategories
            .filter((c) => !props.columns.some((col) => col.code === c.code))
            .map((c) => (
              <option value={c.code}>{c.label}</option>
            ))}
        </select>
      </div>
      <div>
        <button type="submit">表示</button>
      </div>
      {props.baseYears.length > 0 ? (
        <p class="hint">
          登録済みの基準年度:{" "}
          {props.baseYears.map((y, i) => (
            <>
              {i > 0 ? "、" : ""}
              <a href={`/staffing/age-profile?year=${y}${props.unit ? `&unit=${props.unit.id}` : ""}`}>{formatFiscalYear(y)}</a>
            </>
          ))}
        </p>
      ) : null}
    </form>
  );
}

function Grid(props: AgeProfilePageProps & { unit: UnitOption }) {
  const { columns, cohorts, stored } = props;
  const badFields = new Set((props.problems ?? []).flatMap((p) => (p.field ? [p.field] : [])));
  const value = (cohort: number, category: string) => {
    const name = ageField(cohort, category);
    const entered = props.entered?.[name];
    if (entered !== undefined) return entered;
    const n = stored.get(`${cohort}/${category}`);
    return n === undefined || n === 0 ? "" : String(n);
  };
  const colTotal = (category: string) => cohorts.reduce((s, c) => s + (stored.get(`${c}/${category}`) ?? 0), 0);
  const rowTotal = (cohort: number) => columns.reduce((s, col) => s + (stored.get(`${cohort}/${col.code}`) ?? 0), 0);
  const total = columns.reduce((s, col) => s + colTotal(col.code), 0);
  const title = `${props.unit.name} ${formatFiscalYear(props.baseYear)}の年齢構成`;
  return (
    <form method="post" action="/staffing/age-profile">
      <h2 id="grid-title">{title}</h2>
      <input type="hidden" name="_csrf" value={props.csrfToken} />
      <input type="hidden" name="unit" value={String(props.unit.id)} />
      <input type="hidden" name="year" value={String(props.baseYear)} />
      <input type="hidden" name="read" value={props.read ?? ageCellsText([...stored].map(([key, count]) => ({ cohort: Number(key.split("/")[0]), category: key.split("/")[1] ?? "", count })))} />
      <div class="table-scroll" role="region" aria-label={title} tabindex={0}>
        <table class="data grid age-grid" id="age-grid">
          <caption>生まれ年度・職種別の職員数(4月1日現在、人)</caption>
          <thead>
            <tr>
              <th scope="col">生まれ年度</th>
              <th scope="col">年齢</th>
              {columns.map((col) => (
                <th scope="col" data-col={col.code}>
                  {col.label}
                </th>
              ))}
              <th scope="col">計</th>
            </tr>
          </thead>
          <tbody>
            {cohorts.map((cohort) => {
              const invalid = columns.some((col) => badFields.has(ageField(cohort, col.code)));
              return (
                <tr data-cohort={cohort} class={invalid ? "has-error" : undefined}>
                  <th scope="row">{cohortLabel(cohort)}</th>
                  <td class="num age">{props.baseYear - cohort}歳</td>
                  {columns.map((col) => {
                    const name = ageField(cohort, col.code);
                    return (
                      <td data-col={col.code} data-cohort={cohort}>
                        <input
                          class="count"
                          type="text"
                          inputmode="numeric"
                          autocomplete="off"
                          name={name}
                          id={name}
                          value={value(cohort, col.code)}
                          aria-label={`${cohortLabel(cohort)} ${col.label}`}
                          aria-invalid={badFields.has(name) ? "true" : undefined}
                          disabled={!props.writable}
                        />
                      </td>
                    );
                  })}
                  <td class="num derived" data-col="total" data-cohort={cohort}>
                    {fmt(rowTotal(cohort))}
                  </td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr class="total">
              <th scope="row" colspan={2}>
                合計
              </th>
              {columns.map((col) => (
                <td class="num" data-col={col.code} data-row="total">
                  {fmt(colTotal(col.code))}
                </td>
              ))}
              <td class="num" data-col="total" data-row="total">
                {fmt(total)}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      {props.writable ? (
        <p class="actions">
          <button type="submit">保存</button> <span class="hint">空欄は0人として保存します。合計は保存後に更新されます。</span>{" "}
          {total > 0 ? (
            <a href={`/staffing/age-profile/roll?unit=${props.unit.id}&year=${props.baseYear}`}>{formatFiscalYear(props.baseYear + 1)}へ繰り越す(1歳加算・退職者と採用者を反映)</a>
          ) : null}
        </p>
      ) : (
        <p class="note">この組織の年齢構成は閲覧のみです(編集できるのは管理者と、この組織を担当する編集者です)。</p>
      )}
    </form>
  );
}

function ImportSection(props: AgeProfilePageProps) {
  const problems = props.importProblems ?? [];
  return (
    <section id="import">
      <h2>ファイルで取り込む・書き出す</h2>
      <p>
        全組織の年齢構成を、1行に「組織コード・組織・基準年度・生まれ年度・職種・人数」の縦長の表で書き出します:{" "}
        <a href={`/staffing/age-profile.xlsx?year=${props.baseYear}`}>Excel (xlsx)</a>
        {" ・ "}
        <a href={`/staffing/age-profile.csv?year=${props.baseYear}`}>CSV (UTF-8)</a>
        {" ・ "}
        <a href="/staffing/age-profile.csv">すべての基準年度 (CSV)</a>
      </p>
      {props.importError ? (
        <div class="alert error" role="alert">
          <p>
            <strong>{props.importError}</strong>
          </p>
          {problems.length > 0 ? (
            <ul>
              {problems.map((p) => (
                <li data-cell={p.cell ?? ""}>{formatProblem(p)}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {props.importPreview ? <AgeImportPreview {...props.importPreview} csrfToken={props.csrfToken} /> : null}
      {props.canImport ? (
        <UploadForm
          action="/staffing/age-profile/import"
          csrfToken={props.csrfToken}
          class="inline"
          step="preview"
          note={
            <p class="hint">
              ファイルにある組織と基準年度の年齢構成を、ファイルの内容で置き換えます。まず読み取った内容(文字コードやシート、変わる値)を表示し、
              「この内容で取り込む」を押したときだけ書き込みます。誤りが1つでもあれば何も書き込みません。
              生まれ年度は「1964」「昭和39年度生まれ」「S39」のどれでも、職種は職種コードか名称で書けます。
            </p>
          }
        >
          <FileField accept=".xlsx,.csv,.txt" />
          <EncodingSelect />
        </UploadForm>
      ) : (
        <p class="note">ファイルの取込は管理者が行います。</p>
      )}
    </section>
  );
}

/** GET /staffing/age-profile: one unit's staff by birth cohort and job category, editable by those who may write the unit. */
export function AgeProfilePage(props: AgeProfilePageProps) {
  const unit = props.unit;
  return (
    <Layout title="年齢構成" session={props.session} csrfToken={props.csrfToken} current="/staffing">
      <h1>職員の年齢構成</h1>
      <StaffingNav current="/staffing/age-profile" />
      <Alerts notice={props.notice} />
      <ProblemList title={props.problemsTitle ?? "入力内容を確認してください。保存されていません。"} problems={props.problems ?? []} />
      <p class="lead">
        組織ごとに、基準年度の4月1日現在の職員数を生まれ年度(学年)と職種別に入力します。個人の情報は扱いません。
        推計・採用計画は、この年齢構成と定年の定めから計算します。
      </p>
      <UnitSelector {...props} />
      {unit ? <Grid {...props} unit={unit} /> : <p class="alert warning">{formatFiscalYear(props.baseYear)}に存在する組織がありません。</p>}
      <ImportSection {...props} />
    </Layout>
  );
}
