import { formatFiscalYear } from "../../domain/era.js";
import type { PresentedAuditEntry } from "../../services/audit-log.js";
import type { SessionContext } from "../../services/auth.js";
import { formatTimestamp } from "../format.js";
import { AREAS, Layout } from "../layout.js";
import { AREA_DESCRIPTIONS } from "./areas.js";
import type { Dashboard } from "../../services/dashboard.js";
import { COMPLIANCE_LABELS } from "../../domain/quota.js";
import { formatDateBoth } from "../../domain/era.js";
import { UPDATE_STATUS_LABELS, UPDATE_STATUSES } from "../../domain/reform.js";
import { FORM_LABELS, FORM_STATUS_LABELS, FORM_STATUSES } from "../../domain/hearing.js";

export interface DashboardProps {
  session: SessionContext;
  csrfToken: string;
  fiscalYear: number;
  unitCount: number;
  userCount: number;
  recentChanges: PresentedAuditEntry[] | null;
  dashboard: Dashboard;
}

export function DashboardPage(props: DashboardProps) {
  const m = props.session.municipality;
  return (
    <Layout title="ダッシュボード" session={props.session} csrfToken={props.csrfToken} current="/">
      <h1>
        {m.prefecture}
        {m.name} ダッシュボード
      </h1>
      <p class="lead">
        現在の年度: <strong>{formatFiscalYear(props.fiscalYear)}</strong> ・ 団体コード {m.code} ・ 組織 {props.unitCount} ・ ユーザー{" "}
        {props.userCount}
      </p>
      <DueSections d={props.dashboard} />
      <h2>年次サイクル</h2>
      <div class="cards">
        {AREAS.filter((a) => a.path !== "/").map((area) => (
          <div class="card">
            <h3>
              <a href={area.path}>{area.label}</a>
            </h3>
            <p>{AREA_DESCRIPTIONS[area.path]}</p>
          </div>
        ))}
      </div>
      {props.recentChanges ? (
        <>
          <h2>最近の変更</h2>
          {props.recentChanges.length === 0 ? (
            <p>まだ変更はありません。</p>
          ) : (
            <table class="data">
              <thead>
                <tr>
                  <th scope="col">日時</th>
                  <th scope="col">操作者</th>
                  <th scope="col">内容</th>
                </tr>
              </thead>
              <tbody>
                {props.recentChanges.map((row) => (
                  <tr>
                    <td>{formatTimestamp(row.at)}</td>
                    <td>{row.actor}</td>
                    <td>{row.summary}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p>
            <a href="/audit">変更履歴をすべて見る</a>
          </p>
        </>
      ) : null}
    </Layout>
  );
}

/** What is due, per role (issue 13 point 12). */
function DueSections(props: { d: Dashboard }) {
  const { d } = props;
  return (
    <>
      {d.role === "editor" ? (
        <section id="todo" aria-labelledby="todo-h">
          <h2 id="todo-h">担当の更新依頼(やること)</h2>
          {d.todo.length === 0 ? (
            <p>いま書く必要のある更新はありません。</p>
          ) : (
            <table class="data">
              <thead>
                <tr>
                  <th scope="col">項目</th>
                  <th scope="col">状態</th>
                  <th scope="col">提出期限</th>
                </tr>
              </thead>
              <tbody>
                {d.todo.map((t) => (
                  <tr data-item={t.itemNumber} data-status={t.status}>
                    <td>
                      <a href={`/reform/rounds/${t.roundId}/items/${t.itemId}`}>
                        ({t.itemNumber}) {t.itemName}
                      </a>
                    </td>
                    <td>{UPDATE_STATUS_LABELS[t.status]}</td>
                    <td>{formatDateBoth(t.dueDate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ) : null}
      {d.role === "editor" && d.hearingTodo.length > 0 ? (
        <section id="hearing-todo" aria-labelledby="hearing-todo-h">
          <h2 id="hearing-todo-h">ヒアリングの様式(提出するもの)</h2>
          <table class="data">
            <thead>
              <tr>
                <th scope="col">部局</th>
                <th scope="col">様式</th>
                <th scope="col">状態</th>
                <th scope="col">提出期限</th>
              </tr>
            </thead>
            <tbody>
              {d.hearingTodo.map((f) => (
                <tr data-department={f.department} data-form={f.form} data-status={f.status}>
                  <td>{f.department}</td>
                  <td>
                    <a href={`/hearings/${f.roundId}/departments/${f.departmentId}/forms/${f.form}`}>{FORM_LABELS[f.form]}</a>
                  </td>
                  <td>{FORM_STATUS_LABELS[f.status]}</td>
                  <td>{formatDateBoth(f.dueDate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {d.role === "hq" ? (
        <section id="hq-waiting" aria-labelledby="hq-h">
          <h2 id="hq-h">推進本部の確認待ち</h2>
          <ul>
            <li>
              検証待ちの項目(承認済みの実績があり未検証): <strong data-count="verification">{d.awaitingVerification.length}</strong>件{" "}
              {d.awaitingVerification.length > 0 ? <a href="/reform/verification">検証する</a> : null}
            </li>
            <li>
              事務局の承認待ち(提出済み): <strong data-count="submitted">{d.submitted.length}</strong>件
            </li>
            <li>
              公表の承認待ち: <strong data-count="publication">{d.publicationsAwaitingApproval.length}</strong>件{" "}
              {d.publicationsAwaitingApproval.length > 0 ? <a href="/publication">公表へ</a> : null}
            </li>
          </ul>
        </section>
      ) : null}
      {d.role === "admin" ? (
        <section id="cycle" aria-labelledby="cycle-h">
          <h2 id="cycle-h">年次サイクルの状況</h2>
          {d.rounds.length === 0 ? <p>受付中の更新依頼はありません。</p> : null}
          {d.rounds.map((r) => (
            <div class="round" data-round={r.roundId}>
              <h3>
                {r.title}(提出期限 {formatDateBoth(r.dueDate)})
              </h3>
              <p>
                {UPDATE_STATUSES.map((s) => (
                  <span class="badge" data-status={s}>
                    {UPDATE_STATUS_LABELS[s]} {r.counts[s]}
                  </span>
                ))}{" "}
                期限超過 <strong data-count="overdue">{r.overdue.length}</strong>件
              </p>
              {r.byDivision.length > 0 ? (
                <OpenByTable caption="担当課ごとの未提出" heading="担当課" dataKey="data-division" rows={r.byDivision.map((x) => ({ name: x.division, open: x.open, overdue: x.overdue }))} />
              ) : null}
            </div>
          ))}
          <h3>ヒアリング</h3>
          {d.hearings.length === 0 ? <p>受付中のヒアリングはありません。</p> : null}
          {d.hearings.map((h) => {
            const progress = d.hearingProgress.find((p) => p.roundId === h.id);
            return (
              <div class="hearing-round" data-hearing={h.id}>
                <p>
                  <a href={`/hearings/${h.id}`}>{h.title}</a>(様式の提出期限 {formatDateBoth(h.dueDate)})
                  {progress ? (
                    <>
                      {" "}
                      {FORM_STATUSES.map((s) => (
                        <span class="badge" data-form-status={s}>
                          {FORM_STATUS_LABELS[s]} {progress.counts[s]}
                        </span>
                      ))}
                    </>
                  ) : null}
                </p>
                {progress && progress.byDepartment.length > 0 ? (
                  <OpenByTable caption="部局ごとの未提出の様式" heading="部局" dataKey="data-department" rows={progress.byDepartment.map((x) => ({ name: x.department, open: x.open, overdue: x.overdue }))} />
                ) : null}
              </div>
            );
          })}
          <h3>職員数と定数</h3>
          {d.headcount?.total ? (
            <p id="headcount-status">
              {formatFiscalYear(d.headcount.fiscalYear)}: 定数内職員数 {d.headcount.total.counted}人 / 条例定数 {d.headcount.quotaSum}人(上限 {d.headcount.cap}人) —{" "}
              {COMPLIANCE_LABELS[d.headcount.total.status]}
              {d.headcount.rows.filter((r) => r.compliance && r.compliance.status !== "within_quota").length > 0
                ? `。定数を超えている任命権者: ${d.headcount.rows
                    .filter((r) => r.compliance && r.compliance.status !== "within_quota")
                    .map((r) => `${r.name}(${COMPLIANCE_LABELS[r.compliance?.status ?? "within_quota"]})`)
                    .join("、")}`
                : ""}{" "}
              <a href={`/staffing/compliance?year=${d.headcount.fiscalYear}`}>定数の判定</a>
            </p>
          ) : (
            <p>職員数がまだ入力されていません。</p>
          )}
        </section>
      ) : null}
      {d.calendar.length > 0 ? (
        <section id="calendar" aria-labelledby="calendar-h">
          <h2 id="calendar-h">これからの予定</h2>
          <ol class="calendar">
            {d.calendar.map((e) => (
              <li data-date={e.date}>
                <time datetime={e.date}>{formatDateBoth(e.date)}</time> <a href={e.href}>{e.label}</a>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </>
  );
}

/** 「未提出 / うち期限超過」 per 担当課 (reform rounds) or per 部局 (hearings): one row a name, counts in 件. */
function OpenByTable(props: { caption: string; heading: string; dataKey: "data-division" | "data-department"; rows: { name: string; open: number; overdue: number }[] }) {
  return (
    <table class="data">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{props.heading}</th>
          <th scope="col">未提出</th>
          <th scope="col">うち期限超過</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((x) => (
          <tr {...{ [props.dataKey]: x.name }}>
            <th scope="row">{x.name}</th>
            <td class="num">{x.open}</td>
            <td class="num">{x.overdue}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
