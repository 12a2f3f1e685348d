import { formatFiscalYear } from "../../domain/era.js";
import { canDownloadPrepublication } from "../../domain/roles.js";
import { NARRATIVE_FACTS, NARRATIVE_SECTIONS } from "../../report/document/narrative.js";
import type { SessionContext } from "../../services/auth.js";
import { FIGURE_IMAGE_KEYS } from "../../services/policy-narratives.js";
import { Layout } from "../layout.js";
import { Alerts } from "./components.js";

export interface PolicyDocumentPageProps {
  session: SessionContext;
  csrfToken: string;
  fiscalYear: number;
  editions: number[];
  /** Narrative by section key (admins edit it here). */
  narratives: Map<string, string>;
  /** Which figure images are uploaded (key → file name). */
  images: Map<string, string>;
  canEdit: boolean;
  notice?: string;
  error?: string;
}

/** GET /publication/document: the 基本方針 of an edition — preview, PDF, and (admin) its narrative and images. */
export function PolicyDocumentPage(props: PolicyDocumentPageProps) {
  const fy = props.fiscalYear;
  const base = `/publication/document/${fy}`;
  return (
    <Layout title="基本方針(冊子)" session={props.session} csrfToken={props.csrfToken} current="/publication">
      <h1>基本方針(冊子) {formatFiscalYear(fy)}</h1>
      <Alerts notice={props.notice} error={props.error} />
      <p class="lead">行政改革基本方針(業務改革・定数管理)を、登録されているデータから作ります。図表の番号と数値を述べる文はデータから生成されます。</p>
      {props.editions.length > 1 ? (
        <nav aria-label="版の選択">
          <ul class="inline-list">
            {props.editions.map((y) => (
              <li>{y === fy ? <strong aria-current="page">{formatFiscalYear(y)}</strong> : <a href={`/publication/document?year=${y}`}>{formatFiscalYear(y)}</a>}</li>
            ))}
          </ul>
        </nav>
      ) : null}
      <ul class="actions">
        <li>
          <a href={`${base}/preview`}>冊子をHTMLで表示</a>
        </li>
        {canDownloadPrepublication(props.session.actor) ? (
          <li>
            <a href={`${base}.pdf`}>PDFをダウンロード</a> <small>(作成に数秒かかります)</small>
          </li>
        ) : null}
      </ul>
      {props.canEdit ? (
        <>
          <h2>本文の編集</h2>
          <p>
            段落は空行で区切ります。「■」で始まる行は箇条書き、「### 」で始まる行は小見出しです。数値を述べる文は入力せず、次の名前を{" "}
            <code>{"{{名前}}"}</code> の形で書くと、データから作った文や値が入ります:
          </p>
          <ul class="facts">
            {NARRATIVE_FACTS.map((f) => (
              <li>
                <code>{`{{${f}}}`}</code>
              </li>
            ))}
          </ul>
          <form method="post" action={`${base}/narrative`} class="narrative-form">
            <input type="hidden" name="_csrf" value={props.csrfToken} />
            {NARRATIVE_SECTIONS.map((s) => {
              const id = `n-${s.key.replace(/\./g, "-")}`;
              return (
                <div>
                  <label for={id}>{s.label}</label>
                  {/* As read: a save writes only the sections changed here and refuses one someone else changed meanwhile (409). */}
                  <input type="hidden" name={`r:${s.key}`} value={props.narratives.get(s.key) ?? ""} />
                  {s.line ? (
                    <input id={id} name={`n:${s.key}`} type="text" value={props.narratives.get(s.key) ?? ""} />
                  ) : (
                    <textarea id={id} name={`n:${s.key}`} rows={6}>
                      {props.narratives.get(s.key) ?? ""}
                    </textarea>
                  )}
                </div>
              );
            })}
            <div>
              <button type="submit">本文を保存</button>
            </div>
          </form>
          <h2>図の画像</h2>
          <p>PNG または JPEG、2MBまで。登録がない図は、冊子では番号付きの枠(未登録)になります。</p>
          {Object.entries(FIGURE_IMAGE_KEYS).map(([key, label]) => (
            <form method="post" action={`${base}/images/${key}`} enctype="multipart/form-data" class="filters">
              <input type="hidden" name="_csrf" value={props.csrfToken} />
              <div>
                <label for={`img-${key}`}>
                  {label}
                  {props.images.has(key) ? `(登録済み: ${props.images.get(key)})` : "(未登録)"}
                </label>
                <input id={`img-${key}`} name="file" type="file" accept="image/png,image/jpeg" />
              </div>
              <div>
                <button type="submit" class="secondary">
                  登録
                </button>
              </div>
            </form>
          ))}
        </>
      ) : null}
    </Layout>
  );
}
