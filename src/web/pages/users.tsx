import type { OrgUnitRow, UserRow } from "../../db/schema.js";
import { type Role, ROLE_LABELS, ROLES } from "../../domain/roles.js";
import type { SessionContext } from "../../services/auth.js";
import { Layout } from "../layout.js";
import { Alerts } from "./components.js";

export interface UsersPageProps {
  session: SessionContext;
  csrfToken: string;
  users: { user: UserRow; unitIds: number[] }[];
  units: OrgUnitRow[];
  error?: string;
  notice?: string;
}

export function UsersPage(props: UsersPageProps) {
  const unitName = new Map(props.units.map((u) => [u.id, u.name]));
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
          </tr>
        </thead>
        <tbody>
          {props.users.map(({ user, unitIds }) => (
            <tr>
              <td>{user.username}</td>
              <td>{user.display_name}</td>
              <td>{ROLE_LABELS[user.role as Role] ?? user.role}</td>
              <td>{unitIds.map((id) => unitName.get(id)).join("、")}</td>
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
        <fieldset>
          <legend>担当組織(編集者のみ)</legend>
          {props.units.map((u) => (
            <div>
              <input type="checkbox" id={`unit-${u.id}`} name="unit" value={u.code} /> <label for={`unit-${u.id}`}>{u.name}</label>
            </div>
          ))}
        </fieldset>
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
