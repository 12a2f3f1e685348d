import type { SessionContext } from "../../services/auth.js";
import type { SecurityEventView, ThrottleView } from "../../services/security-log.js";
import { formatTimestamp } from "../format.js";
import { Layout } from "../layout.js";
import { Alerts } from "./components.js";

const SCOPE_LABELS: Record<ThrottleView["scope"], string> = {
  "account-address": "アカウント(この端末から)",
  account: "アカウント(すべての端末から)",
  address: "端末のアドレス(すべてのアカウント)",
};

export interface SecurityPageProps {
  session: SessionContext;
  csrfToken: string;
  throttles: ThrottleView[];
  log: { events: SecurityEventView[]; total: number; page: number; pages: number };
  notice?: string;
}

function wait(seconds: number): string {
  if (seconds === 0) return "制限なし";
  return seconds < 60 ? `あと${seconds}秒` : `あと約${Math.ceil(seconds / 60)}分`;
}

/** セキュリティ: login throttles with the administrator's unlock, and the security log. */
export function SecurityPage(props: SecurityPageProps) {
  const { log } = props;
  return (
    <Layout title="セキュリティ" session={props.session} csrfToken={props.csrfToken} current="/security">
      <h1>セキュリティ</h1>
      <Alerts notice={props.notice} />
      <section aria-labelledby="throttles">
        <h2 id="throttles">ログインの制限</h2>
        <p class="lead">
          パスワードの誤りが続くと、同じアカウント・同じ端末からのログインを待たせます(この端末からは5回、すべての端末からは20回、一つの端末から全アカウントへは50回を超えると30秒から最大15分)。
          本人が急いでログインする必要があるときは、ここで解除できます。
        </p>
        {props.throttles.length === 0 ? (
          <p>失敗が数えられているアカウント・端末はありません。</p>
        ) : (
          <table class="data">
            <thead>
              <tr>
                <th scope="col">対象</th>
                <th scope="col">名前・アドレス</th>
                <th scope="col">失敗回数</th>
                <th scope="col">最後の失敗</th>
                <th scope="col">状態</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {props.throttles.map((t) => (
                <tr>
                  <td>{SCOPE_LABELS[t.scope] ?? t.scope}</td>
                  <td>{t.subject}</td>
                  <td class="num">{t.failures}</td>
                  <td>{formatTimestamp(t.lastFailureAt)}</td>
                  <td>{wait(t.waitSeconds)}</td>
                  <td>
                    <form method="post" action="/security/unlock">
                      <input type="hidden" name="_csrf" value={props.csrfToken} />
                      <input type="hidden" name="key" value={t.key} />
                      <button type="submit">解除</button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="log">
        <h2 id="log">セキュリティログ</h2>
        <p class="lead">ログインの失敗、制限中の試行、権限のない操作(403)、不正な要求(CSRF)と解除の記録です。全{log.total}件。</p>
        <table class="data">
          <thead>
            <tr>
              <th scope="col">日時</th>
              <th scope="col">種類</th>
              <th scope="col">ユーザー名</th>
              <th scope="col">アドレス</th>
              <th scope="col">要求</th>
              <th scope="col">内容</th>
            </tr>
          </thead>
          <tbody>
            {log.events.map((e) => (
              <tr data-kind={e.kind}>
                <td>{formatTimestamp(e.at)}</td>
                <td>{e.label}</td>
                <td>{e.username}</td>
                <td>{e.address}</td>
                <td>{e.path}</td>
                <td>{e.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div class="pager">
          {log.page > 1 ? <a href={`/security?page=${log.page - 1}`}>前へ</a> : null}
          <span>
            {log.page} / {log.pages} ページ
          </span>
          {log.page < log.pages ? <a href={`/security?page=${log.page + 1}`}>次へ</a> : null}
        </div>
      </section>
    </Layout>
  );
}
