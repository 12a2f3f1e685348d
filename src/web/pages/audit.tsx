import type { AuditRow } from "../../db/schema.js";
import type { SessionContext } from "../../services/auth.js";
import { formatTimestamp } from "../format.js";
import { Layout } from "../layout.js";

const ACTION_LABELS: Record<string, string> = {
  create: "作成",
  update: "更新",
  delete: "削除",
  login: "ログイン",
  logout: "ログアウト",
  password: "パスワード",
};

export interface AuditPageProps {
  session: SessionContext;
  csrfToken: string;
  rows: AuditRow[];
  total: number;
  page: number;
  pageSize: number;
  entities: string[];
  filter: { entity?: string; actor?: string };
}

function parse(json: string | null): Record<string, unknown> | null {
  if (json === null) return null;
  const value: unknown = JSON.parse(json);
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : { 値: value };
}

function show(value: unknown): string {
  if (value === undefined) return "(なし)";
  if (typeof value === "string") return value === "" ? "(空)" : value;
  return JSON.stringify(value);
}

/** Field-by-field before → after, listing only the fields that differ (or all, for a creation). */
function Diff(props: { before: string | null; after: string | null }) {
  const before = parse(props.before);
  const after = parse(props.after);
  if (!before && !after) return <span>—</span>;
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const changed = keys.filter((k) => JSON.stringify(before?.[k]) !== JSON.stringify(after?.[k]));
  return (
    <ul class="diff">
      {changed.map((k) => (
        <li>
          <strong>{k}</strong>: {before ? <del>{show(before[k])}</del> : null}
          {before && after ? " → " : null}
          {after ? <ins>{show(after[k])}</ins> : null}
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
          {props.rows.map((row) => (
            <tr>
              <td>{formatTimestamp(row.at)}</td>
              <td>{row.actor}</td>
              <td>{ACTION_LABELS[row.action] ?? row.action}</td>
              <td>
                {row.entity} #{row.entity_id}
              </td>
              <td>{row.summary}</td>
              <td>
                <Diff before={row.before_json} after={row.after_json} />
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
