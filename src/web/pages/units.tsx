import type { OrgUnitRow } from "../../db/schema.js";
import { canWriteUnit } from "../../domain/roles.js";
import type { SessionContext } from "../../services/auth.js";
import { Layout } from "../layout.js";

const KIND_LABELS: Record<string, string> = { authority: "任命権者", department: "部局", division: "課" };

export function UnitsPage(props: { session: SessionContext; csrfToken: string; units: OrgUnitRow[]; notice?: string }) {
  const byId = new Map(props.units.map((u) => [u.id, u]));
  return (
    <Layout title="組織" session={props.session} csrfToken={props.csrfToken} current="/units">
      <h1>組織</h1>
      {props.notice ? <p class="alert success">{props.notice}</p> : null}
      <table class="data">
        <thead>
          <tr>
            <th scope="col">コード</th>
            <th scope="col">名称</th>
            <th scope="col">区分</th>
            <th scope="col">上位組織</th>
            <th scope="col">連絡先</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {props.units.map((u) => (
            <tr>
              <td>{u.code}</td>
              <td>{u.name}</td>
              <td>{KIND_LABELS[u.kind] ?? u.kind}</td>
              <td>{u.parent_id ? byId.get(u.parent_id)?.name : ""}</td>
              <td>{u.contact}</td>
              <td>{canWriteUnit(props.session.actor, u.id) ? <a href={`/units/${u.id}/edit`}>編集</a> : ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

export function UnitEditPage(props: { session: SessionContext; csrfToken: string; unit: OrgUnitRow; error?: string }) {
  const u = props.unit;
  return (
    <Layout title={`${u.name}の編集`} session={props.session} csrfToken={props.csrfToken} current="/units">
      <h1>{u.name}の連絡先・備考</h1>
      {props.error ? (
        <p class="alert error" role="alert">
          {props.error}
        </p>
      ) : null}
      <form class="stack" method="post" action={`/units/${u.id}`}>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <div>
          <label for="contact">連絡先(内線・メール等)</label>
          <input id="contact" name="contact" type="text" value={u.contact} />
        </div>
        <div>
          <label for="note">備考</label>
          <textarea id="note" name="note">
            {u.note}
          </textarea>
        </div>
        <div>
          <button type="submit">保存</button> <a href="/units">戻る</a>
        </div>
      </form>
    </Layout>
  );
}
