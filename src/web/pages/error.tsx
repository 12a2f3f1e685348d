import type { SessionContext } from "../../services/auth.js";
import { Layout } from "../layout.js";

export function ErrorPage(props: { status: number; message: string; session: SessionContext | null; csrfToken: string }) {
  const title = props.status === 403 ? "権限がありません" : props.status === 404 ? "ページが見つかりません" : "エラー";
  return (
    <Layout title={title} session={props.session} csrfToken={props.csrfToken}>
      <h1>{title}</h1>
      <p class="alert error" role="alert">
        {props.message}
      </p>
      <p>
        <a href={props.session ? "/" : "/login"}>{props.session ? "ダッシュボードへ戻る" : "ログイン画面へ"}</a>
      </p>
    </Layout>
  );
}
