import type { PresentedMunicipality } from "../../services/municipalities.js";
import { Layout } from "../layout.js";
import { Alerts } from "./components.js";

export interface LoginPageProps {
  csrfToken: string;
  municipalities: PresentedMunicipality[];
  selectedMunicipalityId?: number;
  username?: string;
  error?: string;
  notice?: string;
  /** Where to go after login (already checked by safeNextPath); "/" is left out of the form. */
  next?: string;
}

export function LoginPage(props: LoginPageProps) {
  const only = props.municipalities.length === 1 ? props.municipalities[0] : undefined;
  return (
    <Layout title="ログイン" session={null} csrfToken={props.csrfToken}>
      <div class="login">
        <h1>ログイン</h1>
        <Alerts error={props.error} notice={props.notice} plainNotice />
        {props.municipalities.length === 0 ? (
          <p class="alert error">団体が登録されていません。サーバーで gyokaku init または gyokaku demo を実行してください。</p>
        ) : (
          <form class="stack" method="post" action={props.next && props.next !== "/" ? `/login?next=${encodeURIComponent(props.next)}` : "/login"}>
            <input type="hidden" name="_csrf" value={props.csrfToken} />
            {only ? (
              <div>
                <span class="badge">団体</span> {only.prefecture}
                {only.name} ({only.code})
                <input type="hidden" name="municipality" value={String(only.id)} />
              </div>
            ) : (
              <div>
                <label for="municipality">団体</label>
                <select id="municipality" name="municipality" required>
                  {props.municipalities.map((m) => (
                    <option value={String(m.id)} selected={m.id === props.selectedMunicipalityId}>
                      {m.prefecture}
                      {m.name} ({m.code})
                    </option>
                  ))}
                </select>
              </div>
            )}
            <div>
              <label for="username">ユーザー名</label>
              <input id="username" name="username" type="text" autocomplete="username" required value={props.username ?? ""} />
            </div>
            <div>
              <label for="password">パスワード</label>
              <input id="password" name="password" type="password" autocomplete="current-password" required />
            </div>
            <div>
              <button type="submit">ログイン</button>
            </div>
          </form>
        )}
        <p>
          <a href="/public">公表資料を見る(ログイン不要)</a>
        </p>
      </div>
    </Layout>
  );
}
