import type { AuditFieldChange, PresentedAuditEntry } from "../../services/audit-log.js";
import type { SessionContext } from "../../services/auth.js";
import { formatTimestamp } from "../format.js";
import { Layout } from "../layout.js";

export interface AuditPageProps {
  session: SessionContext;
  csrfToken: string;
  entries: PresentedAuditEntry[];
  total: number;
  page: number;
  pageSize: number;
  entities: string[];
  filter: { entity?: string; actor?: string };
}

/** Field-by-field before → after, listing only the fields that differ (or all, for a creation). */
function Diff(props: { changes: readonly AuditFieldChange[] }) {
  if (props.changes.length === 0) return <span>—</span>;
  return (
    <ul class="diff">
      {props.changes.map((change) => (
        <li>
          <strong>{change.field}</strong>: {change.before !== null ? <del>{change.before}</del> : null}
          {change.before !== null && change.after !== null ? " → " : null}
          {change.after !== null ? <ins>{change.after}</ins> : null}
        </li>
      ))}
    </ul>
  );
}

export function AuditPage(props: AuditPageProps) {
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  const query = (page: number) => {
    const q = new URLSearchParams();
    if (props.filter.entity) q.set("entity", props.filter.entity);
    if (props.filter.actor) q.set("actor", props.filter.actor);
    q.set("page", String(page));
    return `/audit?${q.toString()}`;
  };
  return (
    <Layout title="変更履歴" session={props.session} csrfToken={props.csrfToken} current="/audit">
      <h1>変更履歴(監査ログ)</h1>
      <p class="lead">誰が・いつ・何を・どう変えたかを、変更前と変更後の値とともに記録しています。全{props.total}件。</p>
      <form class="filters" method="get" action="/audit">
        <div>
          <label for="entity">対象</label>
          <select id="entity" name="entity">
            <option value="">すべて</option>
            {props.entities.map((e) => (
              <option value={e} selected={e === props.filter.entity}>
                {e}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="actor">操作者</label>
          <input id="actor" name="actor" type="text" value={props.filter.actor ?? ""} />
        </div>
        <div>
          <button type="submit">絞り込む</button>
        </div>
      </form>
      <table class="data">
        <thead>
          <tr>
            <th scope="col">日時</th>
            <th scope="col">操作者</th>
            <th scope="col">操作</th>
            <th scope="col">対象</th>
            <th scope="col">内容</th>
            <th scope="col">変更前 → 変更後</th>
          </tr>
        </thead>
        <tbody>
          {props.entries.map((row) => (
            <tr>
              <td>{formatTimestamp(row.at)}</td>
              <td>{row.actor}</td>
              <td>{row.actionLabel}</td>
              <td>
                {row.entity} #{row.entityId}
              </td>
              <td>{row.summary}</td>
              <td>
                <Diff changes={row.changes} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="pager">
        {props.page > 1 ? <a href={query(props.page - 1)}>前へ</a> : null}
        <span>
          {props.page} / {pages} ページ
        </span>
        {props.page < pages ? <a href={query(props.page + 1)}>次へ</a> : null}
      </div>
    </Layout>
  );
}
