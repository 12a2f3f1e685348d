import type { Child } from "hono/jsx";
import { formatProblem, type ImportProblem, problemPlace } from "../../io/problems.js";
import { formatSheetProblem, type SheetProblem } from "../../io/reform-sheet.js";

// ---------------------------------------------------------------------------
// Navigation

export interface SubNavPage {
  path: string;
  label: string;
}

/** The pages of one area (定数管理, 業務改革, 類似団体比較…), with the current one marked. */
export function SubNav(props: { label: string; pages: readonly SubNavPage[]; current: string }) {
  return (
    <nav class="subnav" aria-label={props.label}>
      <ul>
        {props.pages.map((p) => (
          <li>
            <a href={p.path} aria-current={p.path === props.current ? "page" : undefined}>
              {p.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

// ---------------------------------------------------------------------------
// Alerts

/**
 * A page's error (role="alert", announced at once) and notice (role="status").
 * `plainNotice` leaves the notice without a role, as the login, users and units pages have always shown it.
 */
export function Alerts(props: { error?: string | undefined; notice?: string | undefined; plainNotice?: boolean }) {
  return (
    <>
      {props.error ? (
        <p class="alert error" role="alert">
          {props.error}
        </p>
      ) : null}
      {props.notice ? (
        <p class="alert success" role={props.plainNotice ? undefined : "status"}>
          {props.notice}
        </p>
      ) : null}
    </>
  );
}

// ---------------------------------------------------------------------------
// File import pages: check first (preview), then apply the carried file all or nothing

/** One row per problem a file check found: 種類・(シート)・場所・内容. Sheet problems get a シート column and a title. */
export function ProblemTable(props: { problems: readonly (ImportProblem | SheetProblem)[]; class?: string; withSheet?: boolean }) {
  return (
    <table class={props.class ?? "data"}>
      <thead>
        <tr>
          <th scope="col">種類</th>
          {props.withSheet ? <th scope="col">シート</th> : null}
          <th scope="col">{props.withSheet ? "セル" : "場所"}</th>
          <th scope="col">内容</th>
        </tr>
      </thead>
      <tbody>
        {props.problems.map((p) => {
          const sheet = props.withSheet && "sheet" in p ? p.sheet : undefined;
          return (
            <tr class={p.severity === "error" ? "problem-error" : "problem-warning"} title={sheet === undefined ? undefined : formatSheetProblem({ ...p, sheet })}>
              <td>{p.severity === "error" ? "誤り" : "注意"}</td>
              {props.withSheet ? <td>{sheet}</td> : null}
              <td>{props.withSheet ? (p.cell ?? `${p.row}行目`) : problemPlace(p)}</td>
              <td>{formatProblem(p).replace(/^[^:]+: /, "")}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * 誤り N件・注意 N件 and the table of problems, when there are any. With `id` the heading labels the section and
 * the section is an alert while any problem is an error; `children` come between the heading and the table.
 */
export function ProblemSection(props: { problems: readonly (ImportProblem | SheetProblem)[]; tableClass?: string; withSheet?: boolean; id?: string; children?: Child }) {
  const { problems } = props;
  if (problems.length === 0) return null;
  const errors = problems.filter((p) => p.severity === "error").length;
  return (
    <section aria-labelledby={props.id} role={props.id && errors > 0 ? "alert" : undefined}>
      <h2 id={props.id}>
        誤り {errors}件・注意 {problems.length - errors}件
      </h2>
      {props.children}
      <ProblemTable problems={problems} class={props.tableClass} withSheet={props.withSheet} />
    </section>
  );
}

/**
 * The apply step: the checked file carried back in hidden fields (in the order given), so it is not uploaded twice.
 * Multipart, so the carried file falls under the upload body limit like the upload itself (see body-limit.ts).
 */
export function ApplyForm(props: { action: string; csrfToken: string; carried: Record<string, string> }) {
  return (
    <form method="post" action={props.action} enctype="multipart/form-data">
      <input type="hidden" name="_csrf" value={props.csrfToken} />
      <input type="hidden" name="step" value="apply" />
      {Object.entries(props.carried).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <p>
        <button type="submit">この内容で取り込む</button>
      </p>
    </form>
  );
}

/** A multipart upload form: the CSRF token, the step (when the page has one), the fields, the submit button, a note. */
export function UploadForm(props: { action: string; csrfToken: string; class?: string; step?: string; submitLabel?: string; note?: Child; children: Child }) {
  return (
    <form class={props.class ?? "stack"} method="post" action={props.action} enctype="multipart/form-data">
      <input type="hidden" name="_csrf" value={props.csrfToken} />
      {props.step ? <input type="hidden" name="step" value={props.step} /> : null}
      {props.children}
      <div>
        <button type="submit">{props.submitLabel ?? "内容を確認する"}</button>
      </div>
      {props.note ?? null}
    </form>
  );
}

/** The file input of an upload form (#file). */
export function FileField(props: { accept: string; label?: string }) {
  return (
    <div>
      <label for="file">{props.label ?? "ファイル (xlsx / csv)"}</label>
      <input id="file" name="file" type="file" accept={props.accept} required />
    </div>
  );
}

/** CSVの文字コード (#encoding): auto, UTF-8 or Shift_JIS. */
export function EncodingSelect() {
  return (
    <div>
      <label for="encoding">CSVの文字コード</label>
      <select id="encoding" name="encoding">
        <option value="auto">自動判定</option>
        <option value="utf-8">UTF-8</option>
        <option value="shift_jis">Shift_JIS (Windows)</option>
      </select>
    </div>
  );
}

// ---------------------------------------------------------------------------
// Filters

/** 開始年度・終了年度 (#from, #to) of a GET filter form, as typed; the route reads them with yearSpan. */
export function YearSpanFields(props: { fromInput: string; toInput: string; describedBy?: string }) {
  return (
    <>
      <div>
        <label for="from">開始年度</label>
        <input id="from" name="from" type="text" value={props.fromInput} aria-describedby={props.describedBy} />
      </div>
      <div>
        <label for="to">終了年度</label>
        <input id="to" name="to" type="text" value={props.toInput} aria-describedby={props.describedBy} />
      </div>
    </>
  );
}
