import type { NotificationRow } from "../../db/schema.js";
import type { SessionContext } from "../../services/auth.js";
import { formatTimestamp } from "../format.js";
import { Layout } from "../layout.js";
import { Alerts } from "./components.js";

/** お知らせ: the signed-in user's inbox, unread ones marked. */
export function NotificationsPage(props: { session: SessionContext; csrfToken: string; rows: NotificationRow[]; notice?: string }) {
  const unread = props.rows.filter((r) => r.read_at === null).length;
  return (
    <Layout title="お知らせ" session={props.session} csrfToken={props.csrfToken}>
      <h1>お知らせ</h1>
      <Alerts notice={props.notice} />
      <p>
        未読 <strong data-count="unread">{unread}</strong>件
      </p>
      {props.rows.length === 0 ? (
        <p>お知らせはありません。</p>
      ) : (
        <ul class="inbox">
          {props.rows.map((r) => (
            <li data-kind={r.kind} data-unread={r.read_at === null ? "1" : undefined}>
              {r.read_at === null ? <strong>未読 </strong> : null}
              <a href={r.href}>{r.title}</a> <small>{formatTimestamp(r.created_at)}</small>
            </li>
          ))}
        </ul>
      )}
      {unread > 0 ? (
        <form method="post" action="/notifications/read">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <button type="submit" class="secondary">
            すべて既読にする
          </button>
        </form>
      ) : null}
    </Layout>
  );
}
