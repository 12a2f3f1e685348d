import type { PresentedNotification } from "../../services/notifications.js";
import type { SessionContext } from "../../services/auth.js";
import { formatTimestamp } from "../format.js";
import { Layout } from "../layout.js";
import { Alerts } from "./components.js";

/** お知らせ: the signed-in user's inbox, unread ones marked. */
export function NotificationsPage(props: { session: SessionContext; csrfToken: string; notifications: PresentedNotification[]; notice?: string }) {
  const unread = props.notifications.filter((r) => !r.read).length;
  return (
    <Layout title="お知らせ" session={props.session} csrfToken={props.csrfToken}>
      <h1>お知らせ</h1>
      <Alerts notice={props.notice} />
      <p>
        未読 <strong data-count="unread">{unread}</strong>件
      </p>
      {props.notifications.length === 0 ? (
        <p>お知らせはありません。</p>
      ) : (
        <ul class="inbox">
          {props.notifications.map((r) => (
            <li data-kind={r.kind} data-unread={r.read ? undefined : "1"}>
              {!r.read ? <strong>未読 </strong> : null}
              <a href={r.href}>{r.title}</a> <small>{formatTimestamp(r.createdAt)}</small>
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
