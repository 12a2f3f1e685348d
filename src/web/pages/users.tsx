import { ROLE_LABELS, ROLES } from "../../domain/roles.js";
import type { SessionContext } from "../../services/auth.js";
import type { UnitChoice } from "../../services/organisation.js";
import type { PresentedUser } from "../../services/user-presenter.js";
import { formatTimestamp } from "../format.js";
import { Layout } from "../layout.js";
import { Alerts } from "./components.js";

export interface UsersPageProps {
  session: SessionContext;
  csrfToken: string;
  users: PresentedUser[];
  units: UnitChoice[];
  error?: string;
  notice?: string;
}

function lastLogin(user: PresentedUser): string {
  return user.lastLoginAt ? formatTimestamp(user.lastLoginAt) : "なし";
}

/** ユーザー: every user (role, units, state, last login) with a link to maintain each, and the form to add one. */
export function UsersPage(props: UsersPageProps) {
  return (
    <Layout title="ユーザー" session={props.session} csrfToken={props.csrfToken} current="/users">
      <h1>ユーザー</h1>
      <Alerts error={props.error} notice={props.notice} plainNotice />
      <table class="data">
        <thead>
          <tr>
            <th scope="col">ユーザー名</th>
            <th scope="col">表示名</th>
            <th scope="col">役割</th>
            <th scope="col">担当組織</th>
            <th scope="col">状態</th>
            <th scope="col">最終ログイン</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {props.users.map((user) => (
            <tr>
              <td>{user.username}</td>
              <td>{user.displayName}</td>
              <td>{user.roleLabel}</td>
              <td>{user.units.map((u) => u.name).join("、")}</td>
              <td>{user.disabled ? "無効" : "有効"}</td>
              <td>{lastLogin(user)}</td>
              <td>
                <a href={`/users/${user.id}`} aria-label={`${user.username} を変更`}>
                  変更
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>ユーザーを追加</h2>
      <form class="stack" method="post" action="/users">
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <div>
          <label for="username">ユーザー名(半角英数字)</label>
          <input id="username" name="username" type="text" required />
        </div>
        <div>
          <label for="displayName">表示名</label>
          <input id="displayName" name="displayName" type="text" />
        </div>
        <div>
          <label for="role">役割</label>
          <select id="role" name="role">
            {ROLES.map((r) => (
              <option value={r}>{ROLE_LABELS[r]}</option>
            ))}
          </select>
        </div>
        <UnitChoices units={props.units} checked={[]} idPrefix="unit" />
        <div>
          <label for="password">初期パスワード(10文字以上)</label>
          <input id="password" name="password" type="password" autocomplete="new-password" required />
        </div>
        <div>
          <button type="submit">追加</button>
        </div>
      </form>
    </Layout>
  );
}

function UnitChoices(props: { units: UnitChoice[]; checked: readonly number[]; idPrefix: string }) {
  return (
    <fieldset>
      <legend>担当組織(編集者のみ)</legend>
      {props.units.map((u) => (
        <div>
          <input type="checkbox" id={`${props.idPrefix}-${u.id}`} name="unit" value={u.code} checked={props.checked.includes(u.id)} />{" "}
          <label for={`${props.idPrefix}-${u.id}`}>{u.name}</label>
        </div>
      ))}
    </fieldset>
  );
}

export interface UserEditPageProps {
  session: SessionContext;
  csrfToken: string;
  user: PresentedUser;
  units: UnitChoice[];
  error?: string;
  notice?: string;
  /** A password just issued: shown on this response only, never stored or shown again. */
  newPassword?: string;
}

/** One user: role, display name and units (April transfers), disable/enable, password reset, last login. */
export function UserEditPage(props: UserEditPageProps) {
  const { user } = props;
  const action = `/users/${user.id}`;
  return (
    <Layout title={`ユーザー ${user.username}`} session={props.session} csrfToken={props.csrfToken} current="/users">
      <p>
        <a href="/users">ユーザー一覧へ戻る</a>
      </p>
      <h1>ユーザー {user.username}</h1>
      <Alerts error={props.error} notice={props.notice} />
      {props.newPassword ? (
        <div class="alert success" role="status">
          <p>
            新しいパスワード: <code data-testid="new-password">{props.newPassword}</code>
          </p>
          <p>このパスワードは今回だけ表示されます。本人に安全な方法で伝えてください(ログイン後に本人が変更できます)。</p>
        </div>
      ) : null}
      <dl class="facts">
        <dt>状態</dt>
        <dd>{user.disabled ? "無効(ログインできません)" : "有効"}</dd>
        <dt>最終ログイン</dt>
        <dd>{lastLogin(user)}</dd>
        <dt>登録</dt>
        <dd>{formatTimestamp(user.createdAt)}</dd>
      </dl>
      <h2>役割・表示名・担当組織</h2>
      <form class="stack" method="post" action={action}>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        {/* As read: a save writes only the fields changed here and refuses one someone else changed meanwhile (409). */}
        <input type="hidden" name="readDisplayName" value={user.displayName} />
        <input type="hidden" name="readRole" value={user.role} />
        <input type="hidden" name="readUnits" value={props.units.filter((u) => user.units.some((mine) => mine.id === u.id)).map((u) => u.code).join(",")} />
        <div>
          <label for="displayName">表示名</label>
          <input id="displayName" name="displayName" type="text" value={user.displayName} />
        </div>
        <div>
          <label for="role">役割</label>
          <select id="role" name="role">
            {ROLES.map((r) => (
              <option value={r} selected={r === user.role}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
        <UnitChoices units={props.units} checked={user.units.map((u) => u.id)} idPrefix="edit-unit" />
        <div>
          <button type="submit">保存</button>
        </div>
      </form>
      <h2>ログイン</h2>
      <form method="post" action={`${action}/${user.disabled ? "enable" : "disable"}`}>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <p>{user.disabled ? "有効にすると、これまでのパスワードで再びログインできます。" : "無効にすると、ログインできなくなり、ログイン中の画面もすぐに終了します。"}</p>
        <button type="submit" class={user.disabled ? undefined : "secondary"}>
          {user.disabled ? "有効にする" : "無効にする"}
        </button>
      </form>
      <form method="post" action={`${action}/reset-password`}>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <p>パスワードを忘れたときは新しいパスワードを発行します。発行すると古いパスワードは使えなくなり、ログイン中の画面も終了します。</p>
        <button type="submit" class="secondary">
          パスワードを再発行
        </button>
      </form>
    </Layout>
  );
}

export interface PasswordPageProps {
  session: SessionContext;
  csrfToken: string;
  error?: string;
  notice?: string;
}

/** パスワード変更: the signed-in user changes their own password. */
export function PasswordPage(props: PasswordPageProps) {
  return (
    <Layout title="パスワード変更" session={props.session} csrfToken={props.csrfToken}>
      <h1>パスワード変更</h1>
      <Alerts error={props.error} notice={props.notice} />
      <form class="stack" method="post" action="/account/password">
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <input type="hidden" name="username" value={props.session.actor.username} autocomplete="username" />
        <div>
          <label for="current">現在のパスワード</label>
          <input id="current" name="current" type="password" autocomplete="current-password" required />
        </div>
        <div>
          <label for="next">新しいパスワード(10文字以上、ユーザー名と同じものは不可)</label>
          <input id="next" name="next" type="password" autocomplete="new-password" required minlength={10} />
        </div>
        <div>
          <label for="confirm">新しいパスワード(確認)</label>
          <input id="confirm" name="confirm" type="password" autocomplete="new-password" required />
        </div>
        <div>
          <button type="submit">変更</button>
        </div>
      </form>
      <p>変更すると、ほかの端末でのログインは終了します。</p>
    </Layout>
  );
}
