import { formatDateBoth, formatFiscalYear } from "../../domain/era.js";
import { PUBLICATION_ACTION_LABELS, RECHECK_EXPLANATION } from "../../domain/publication.js";
import { READ_VALUES_FIELD, serializeReadValues } from "../../domain/read-values.js";
import { canAdminister, canDownloadPrepublication } from "../../domain/roles.js";
import type { DocumentGap } from "../../report/document/gaps.js";
import type { SessionContext } from "../../services/auth.js";
import type { PublicationView } from "../../services/publication.js";
import { plannedDateReadValues } from "../../services/publication-plan.js";
import { toJst } from "../format.js";
import { Layout } from "../layout.js";
import { Alerts } from "./components.js";

export interface PublicationEditionRow {
  fiscalYear: number;
  title: string;
  publication: PublicationView;
  /** 公表予定日 (YYYY-MM-DD), null when none is planned. */
  plannedDate: string | null;
}

/** The license line of the public site and open data, and whether this user may change it (admins). */
export interface LicenseForm {
  current: string;
  /** What the form shows: the current line, or what was typed when it was refused. */
  value: string;
  canEdit: boolean;
  maxLength: number;
}

function LicenseSection(props: { license: LicenseForm; csrfToken: string }) {
  const { license } = props;
  return (
    <section class="publication" id="license" aria-labelledby="license-title">
      <h2 id="license-title">公開ライセンス</h2>
      <p>公開用サイトの全ページとオープンデータ(JSON)に表示する利用条件です。既定はクリエイティブ・コモンズ 表示 4.0 国際(CC BY 4.0)です。</p>
      <p class="license-current">
        現在の表示: <strong>{license.current}</strong>
      </p>
      {license.canEdit ? (
        <form method="post" action="/publication/license">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          {/* As read: an unchanged line writes nothing; one changed meanwhile by someone else is a 409. */}
          <input type="hidden" name="readLicense" value={license.current} />
          <p>
            <label for="license-text">ライセンスの表示({license.maxLength}文字以内、URLは不可。空欄で保存すると既定のCC BY 4.0に戻ります)</label>
            <textarea id="license-text" name="license" rows={3} maxlength={license.maxLength}>
              {license.value}
            </textarea>
          </p>
          <button type="submit">ライセンスの表示を保存</button>
        </form>
      ) : null}
    </section>
  );
}

function who(name: string | null, at: string | null): string {
  if (!name || !at) return "—";
  const { date, time } = toJst(at);
  return `${name} ${formatDateBoth(date)} ${time.slice(0, 5)}`;
}

/** 空欄・未登録の確認: what the document lacks, listed before the secretariat marks it ready or hq approves it. */
function GapChecklist(props: { fiscalYear: number; gaps: DocumentGap[] }) {
  const id = `gaps-${props.fiscalYear}`;
  return (
    <div class="gap-checklist" id={id} data-gaps={String(props.gaps.length)}>
      <h3>{`空欄・未登録の確認(${props.gaps.length}件)`}</h3>
      <p>次の箇所は空欄か未登録です。データのない図表は冊子に「データがありません」と印刷されます。このまま進めるときは確認欄にチェックしてください。</p>
      <table class="data">
        <caption>{`${formatFiscalYear(props.fiscalYear)}の基本方針の空欄・未登録`}</caption>
        <thead>
          <tr>
            <th scope="col">箇所</th>
            <th scope="col">内容</th>
          </tr>
        </thead>
        <tbody>
          {props.gaps.map((g) => (
            <tr>
              <th scope="row">{g.place}</th>
              <td>{g.problem}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * 公表: per edition the approval state (the secretariat marks ready, headquarters approves or returns) and, once
 * approved, the public site as a zip. Internal page: names and return comments are shown here, never published.
 */
export function PublicationPage(props: { session: SessionContext; csrfToken: string; editions: PublicationEditionRow[]; license: LicenseForm; error?: string; notice?: string }) {
  const { session, csrfToken } = props;
  return (
    <Layout title="公表" session={session} csrfToken={csrfToken} current="/publication">
      <h1>公表</h1>
      <p class="lead">
        基本方針(業務改革・定数管理)の公表には、行政管理課が「公表準備完了」にした版を行政改革推進本部が承認することが必要です。承認後に公表する内容(数値・本文・図表の画像・ライセンス表示)が変わると「公表後に変更あり」になり、再承認まで公表できません。
      </p>
      <Alerts error={props.error} notice={props.notice} />
      <p>
        <a href="/publication/document">基本方針(冊子)</a>: 版ごとの冊子のプレビュー、PDF、本文(背景と目的など)と図表画像の編集。
      </p>
      {props.editions.length === 0 ? <p>基本方針の版がまだありません。業務改革の画面で版を作成してください。</p> : null}
      {props.editions.map(({ fiscalYear, title, publication: p, plannedDate }) => (
        <section class="publication" id={`edition-${fiscalYear}`} aria-labelledby={`edition-${fiscalYear}-title`}>
          <h2 id={`edition-${fiscalYear}-title`}>{formatFiscalYear(fiscalYear)}</h2>
          <p>{title}</p>
          <table class="data publication-state">
            <caption>{`${formatFiscalYear(fiscalYear)}の公表の状態`}</caption>
            <tbody>
              <tr>
                <th scope="row">状態</th>
                <td>
                  <span class={`badge publication-${p.status}`} data-status={p.status}>
                    {p.statusLabel}
                  </span>
                </td>
              </tr>
              <tr>
                <th scope="row">公表準備完了</th>
                <td>{who(p.readyBy, p.readyAt)}</td>
              </tr>
              <tr>
                <th scope="row">承認・差戻し</th>
                <td>{who(p.decidedBy, p.decidedAt)}</td>
              </tr>
              <tr>
                <th scope="row">公表予定日</th>
                <td class="planned-date">{plannedDate ? formatDateBoth(plannedDate) : "未定"}</td>
              </tr>
              {p.status === "recheck" ? (
                <tr>
                  <th scope="row">再承認が必要な理由</th>
                  <td class="recheck-reason">{RECHECK_EXPLANATION}</td>
                </tr>
              ) : null}
              {p.status === "returned" && p.comment !== "" ? (
                <tr>
                  <th scope="row">差戻しの理由</th>
                  <td class="return-comment">{p.comment}</td>
                </tr>
              ) : null}
            </tbody>
          </table>
          {canAdminister(session.actor) ? (
            <form method="post" action={`/publication/${fiscalYear}/planned-date`} class="planned-date-form">
              <input type="hidden" name="_csrf" value={csrfToken} />
              <input type="hidden" name={READ_VALUES_FIELD} value={serializeReadValues(plannedDateReadValues(fiscalYear, plannedDate))} />
              <label for={`planned-date-${fiscalYear}`}>公表予定日(ダッシュボードの予定に表示されます。空欄で取り消し)</label>{" "}
              <input type="date" id={`planned-date-${fiscalYear}`} name="planned_date" value={plannedDate ?? ""} />{" "}
              <button type="submit" class="secondary">
                公表予定日を保存
              </button>
            </form>
          ) : null}
          {p.gaps.length > 0 && p.actions.some((a) => a !== "return") ? <GapChecklist fiscalYear={fiscalYear} gaps={p.gaps} /> : null}
          {p.actions.map((action) => (
            <form method="post" action={`/publication/${fiscalYear}/approval`} class="publication-action">
              <input type="hidden" name="_csrf" value={csrfToken} />
              <input type="hidden" name="action" value={action} />
              <input type="hidden" name="version" value={p.version === null ? "" : String(p.version)} />
              {action === "return" ? (
                <p>
                  <label for={`comment-${fiscalYear}`}>差戻しの理由(公表されません)</label>
                  <textarea id={`comment-${fiscalYear}`} name="comment" rows={3} required></textarea>
                </p>
              ) : null}
              {action !== "return" && p.gaps.length > 0 ? (
                <p class="confirm-gaps">
                  <input type="checkbox" id={`confirm-gaps-${fiscalYear}-${action}`} name="confirm_gaps" value="1" required />{" "}
                  <label for={`confirm-gaps-${fiscalYear}-${action}`}>{`空欄があることを確認しました(上の${p.gaps.length}件のまま「${PUBLICATION_ACTION_LABELS[action]}」します)`}</label>
                </p>
              ) : null}
              <button type="submit" class={action === "return" ? "secondary" : undefined}>
                {PUBLICATION_ACTION_LABELS[action]}
              </button>
            </form>
          ))}
          <p>
            <a href={`/publication/document?year=${fiscalYear}`}>{`${formatFiscalYear(fiscalYear)}の基本方針(冊子)を見る・編集する`}</a>
          </p>
          <h3>公表用の書き出し</h3>
          {!canDownloadPrepublication(session.actor) ? (
            <p>公表用の書き出しは行政管理課(管理者)と行政改革推進本部が行います。</p>
          ) : p.publishable ? (
            <ul>
              <li>
                <a href={`/publication/${fiscalYear}/site.zip`} download>
                  公開用サイト一式 (zip: HTML・PDF・オープンデータ)
                </a>
              </li>
            </ul>
          ) : (
            <p>承認済みの版だけが書き出せます(現在: {p.statusLabel})。</p>
          )}
        </section>
      ))}
      <LicenseSection license={props.license} csrfToken={csrfToken} />
    </Layout>
  );
}
