import type { OrgNode } from "../../domain/organisation.js";
import type { PresentedReorgEvent, PresentedUnit } from "../../services/organisation.js";
import { formatEraYear, formatFiscalYear } from "../../domain/era.js";
import { orderTree, REORG_KIND_LABELS, REORG_KINDS, UNIT_KIND_LABELS, UNIT_KINDS } from "../../domain/organisation.js";
import { canAdminister, canWriteUnit } from "../../domain/roles.js";
import { READ_VALUES_FIELD, serializeReadValues } from "../../domain/read-values.js";
import { SECTORS, sectorText } from "../../domain/sector.js";
import type { SessionContext } from "../../services/auth.js";
import { Layout } from "../layout.js";
import { Alerts } from "./components.js";

/** 「平成28年度～」「～平成30年度」 or 「—」 for a unit that has always existed. */
export function validityLabel(u: Pick<OrgNode, "validFrom" | "validTo">): string {
  if (u.validFrom === null && u.validTo === null) return "—";
  return `${u.validFrom === null ? "" : formatEraYear(u.validFrom)}～${u.validTo === null ? "" : formatEraYear(u.validTo)}`;
}

function UnitOptions(props: { units: PresentedUnit[]; selected?: number | null | readonly number[]; empty?: string }) {
  const chosen = (id: number) => (Array.isArray(props.selected) ? props.selected.includes(id) : id === props.selected);
  return (
    <>
      {props.empty !== undefined ? <option value="">{props.empty}</option> : null}
      {orderTree(props.units).map(({ unit, depth }) => (
        <option value={String(unit.id)} selected={chosen(unit.id)}>
          {"　".repeat(depth)}
          {unit.name}
          {unit.validTo !== null ? ` (${validityLabel(unit)})` : ""}
        </option>
      ))}
    </>
  );
}

function SectorOptions(props: { selected: string | null }) {
  return (
    <>
      <option value="">(対応なし)</option>
      {SECTORS.map((s) => (
        <option value={s.code} selected={s.code === props.selected}>
          {s.account} / {s.name}
        </option>
      ))}
    </>
  );
}

export interface UnitsPageProps {
  session: SessionContext;
  csrfToken: string;
  units: PresentedUnit[];
  events: PresentedReorgEvent[];
  notice?: string;
  error?: string;
  /** After a refused form (組織改正 or 組織の追加): its fields as posted, shown again. */
  entered?: { form: "reorganisation" | "unit"; fields: Readonly<Record<string, string | readonly string[]>> };
}

export function UnitsPage(props: UnitsPageProps) {
  const admin = canAdminister(props.session.actor);
  // The refused form's fields as typed; the other form starts empty.
  const typedIn = (form: "reorganisation" | "unit") => {
    const fields = props.entered?.form === form ? props.entered.fields : {};
    const all = (name: string): readonly string[] => {
      const value = fields[name];
      return typeof value === "string" ? [value] : (value ?? []);
    };
    return { text: (name: string) => all(name)[0] ?? "", ids: (name: string) => all(name).map(Number).filter(Number.isInteger) };
  };
  const reorg = typedIn("reorganisation");
  const added = typedIn("unit");
  const tree = orderTree(props.units);
  return (
    <Layout title="組織" session={props.session} csrfToken={props.csrfToken} current="/units">
      <h1>組織</h1>
      <p class="lead">
        任命権者・部局・課と、その存続期間、定員管理調査の部門(<a href="/units/sectors">図表11 部門の対応</a>)。
      </p>
      <Alerts error={props.error} notice={props.notice} plainNotice />
      <div class="scroll">
        <table class="data">
          <thead>
            <tr>
              <th scope="col">名称</th>
              <th scope="col">コード</th>
              <th scope="col">区分</th>
              <th scope="col">存続期間</th>
              <th scope="col">部門</th>
              <th scope="col">連絡先</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {tree.map(({ unit, depth }) => (
              <tr>
                <td>
                  {"　".repeat(depth)}
                  {unit.name}
                </td>
                <td>{unit.code}</td>
                <td>{unit.kindLabel}</td>
                <td>{validityLabel(unit)}</td>
                <td>{unit.sectorName}</td>
                <td>{unit.contact}</td>
                <td>
                  {canWriteUnit(props.session.actor, unit.id) ? <a href={`/units/${unit.id}/edit`}>編集</a> : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>組織改正の記録</h2>
      {props.events.length === 0 ? (
        <p>記録はありません。</p>
      ) : (
        <table class="data">
          <thead>
            <tr>
              <th scope="col">年度</th>
              <th scope="col">種類</th>
              <th scope="col">元の組織</th>
              <th scope="col">改正後の組織</th>
              <th scope="col">備考</th>
            </tr>
          </thead>
          <tbody>
            {props.events.map((e) => (
              <tr>
                <td>{formatFiscalYear(e.fiscalYear)}</td>
                <td>{e.kindLabel}</td>
                <td>{e.from}</td>
                <td>{e.to}</td>
                <td>{e.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {admin ? (
        <>
          <h2>組織改正を登録</h2>
          <p>
            新設・廃止・名称変更・分割・統合を、効力が生じる年度とともに記録します。廃止・統合された組織は前年度までの存続となり、履歴の表では空欄になります。
          </p>
          <form class="stack" method="post" action="/units/reorganisations">
            <input type="hidden" name="_csrf" value={props.csrfToken} />
            <div>
              <label for="r-kind">種類</label>
              <select id="r-kind" name="kind">
                {REORG_KINDS.map((k) => (
                  <option value={k} selected={k === reorg.text("kind")}>
                    {REORG_KIND_LABELS[k]}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label for="r-year">効力が生じる年度 (例: 令和8年度、R8、2026)</label>
              <input id="r-year" name="fiscalYear" type="text" value={reorg.text("fiscalYear")} required />
            </div>
            <div>
              <label for="r-from">元の組織 (新設以外。統合は複数選択)</label>
              <select id="r-from" name="from" multiple size={8}>
                <UnitOptions units={props.units} selected={reorg.ids("from")} />
              </select>
            </div>
            <div>
              <label for="r-continuing">存続する組織 (分割で元の組織が残る場合・統合で吸収する側)</label>
              <select id="r-continuing" name="continuing">
                <UnitOptions units={props.units} selected={reorg.ids("continuing")[0] ?? null} empty="(なし)" />
              </select>
            </div>
            <div>
              <label for="r-parent">新しい組織の上位組織 (新設のとき)</label>
              <select id="r-parent" name="parent">
                <UnitOptions units={props.units} selected={reorg.ids("parent")[0] ?? null} empty="(元の組織と同じ / 最上位)" />
              </select>
            </div>
            <div>
              <label for="r-new">新しい組織 (1行に1つ「コード 名称」、例: 150 こども福祉部)</label>
              <textarea id="r-new" name="newUnits">
                {reorg.text("newUnits")}
              </textarea>
            </div>
            <div>
              <label for="r-name">新しい名称 (名称変更のとき)</label>
              <input id="r-name" name="newName" type="text" value={reorg.text("newName")} />
            </div>
            <div>
              <label for="r-note">備考</label>
              <input id="r-note" name="note" type="text" value={reorg.text("note")} />
            </div>
            <div>
              <button type="submit">登録</button>
            </div>
          </form>

          <h2>組織を追加</h2>
          <form class="stack" method="post" action="/units">
            <input type="hidden" name="_csrf" value={props.csrfToken} />
            <div>
              <label for="n-code">組織コード</label>
              <input id="n-code" name="code" type="text" value={added.text("code")} required />
            </div>
            <div>
              <label for="n-name">名称</label>
              <input id="n-name" name="name" type="text" value={added.text("name")} required />
            </div>
            <div>
              <label for="n-kind">区分</label>
              <select id="n-kind" name="kind">
                {UNIT_KINDS.map((k) => (
                  <option value={k} selected={k === (added.text("kind") || "division")}>
                    {UNIT_KIND_LABELS[k]}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label for="n-parent">上位組織</label>
              <select id="n-parent" name="parent">
                <UnitOptions units={props.units} selected={added.ids("parent")[0] ?? null} empty="(最上位)" />
              </select>
            </div>
            <div>
              <label for="n-sector">部門</label>
              <select id="n-sector" name="sector">
                <SectorOptions selected={added.text("sector") || null} />
              </select>
            </div>
            <div>
              <label for="n-from">設置年度 (空欄: 以前から)</label>
              <input id="n-from" name="validFrom" type="text" value={added.text("validFrom")} />
            </div>
            <div>
              <button type="submit">追加</button>
            </div>
          </form>
        </>
      ) : null}
    </Layout>
  );
}

export interface UnitEditPageProps {
  session: SessionContext;
  csrfToken: string;
  unit: PresentedUnit;
  error?: string;
}

export function UnitEditPage(props: UnitEditPageProps) {
  const u = props.unit;
  const admin = canAdminister(props.session.actor);
  return (
    <Layout title={`${u.name}の編集`} session={props.session} csrfToken={props.csrfToken} current="/units">
      <h1>{u.name}</h1>
      <Alerts error={props.error} />
      <h2>連絡先・備考</h2>
      <form class="stack" method="post" action={`/units/${u.id}`}>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        {/* As read: a save writes only the fields changed here and refuses one someone else changed meanwhile (409). */}
        <input type="hidden" name="readContact" value={u.contact} />
        <input type="hidden" name="readNote" value={u.note} />
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
      {admin ? (
        <>
          <h2>名称・部門・存続期間 (管理者)</h2>
          <p>組織の新設・廃止・分割・統合は、組織一覧の「組織改正を登録」から記録してください。ここでは誤りの訂正を行います。</p>
          <form class="stack" method="post" action={`/units/${u.id}/structure`}>
            <input type="hidden" name="_csrf" value={props.csrfToken} />
            {/* As read: a save writes only the fields changed here and refuses one someone else changed meanwhile (409). */}
            <input type="hidden" name="readName" value={u.name} />
            <input type="hidden" name="readSector" value={u.sector ?? ""} />
            <input type="hidden" name="readValidFrom" value={u.validFrom === null ? "" : formatEraYear(u.validFrom)} />
            <input type="hidden" name="readValidTo" value={u.validTo === null ? "" : formatEraYear(u.validTo)} />
            <div>
              <label for="name">名称</label>
              <input id="name" name="name" type="text" value={u.name} required />
            </div>
            <div>
              <label for="sector">部門</label>
              <select id="sector" name="sector">
                <SectorOptions selected={u.sector} />
              </select>
            </div>
            <div>
              <label for="validFrom">設置年度 (空欄: 以前から)</label>
              <input id="validFrom" name="validFrom" type="text" value={u.validFrom === null ? "" : formatEraYear(u.validFrom)} />
            </div>
            <div>
              <label for="validTo">最終年度 (空欄: 現存)</label>
              <input id="validTo" name="validTo" type="text" value={u.validTo === null ? "" : formatEraYear(u.validTo)} />
            </div>
            <div>
              <button type="submit">保存</button>
            </div>
          </form>
        </>
      ) : null}
    </Layout>
  );
}

export function SectorsPage(props: { session: SessionContext; csrfToken: string; units: PresentedUnit[]; notice?: string }) {
  const admin = canAdminister(props.session.actor);
  const tree = orderTree(props.units);
  return (
    <Layout title="部門の対応 (図表11)" session={props.session} csrfToken={props.csrfToken} current="/units">
      <h1>行政部門の説明と組織の対応 (図表11)</h1>
      <Alerts notice={props.notice} plainNotice />
      <p class="lead">「地方公共団体定員管理調査」の部門と、その主な内容。各組織がどの部門に当たるかを定め、類似団体との比較に使います。</p>
      <table class="data">
        <thead>
          <tr>
            <th scope="col">会計区分</th>
            <th scope="col">行政区分</th>
            <th scope="col">部門</th>
            <th scope="col">主な内容</th>
            <th scope="col">対応する組織</th>
          </tr>
        </thead>
        <tbody>
          {SECTORS.map((s) => (
            <tr>
              <td>{s.account}</td>
              <td>{s.group === "一般行政" ? `一般行政(${s.welfare ? "福祉関係" : "福祉関係を除く"})` : s.group}</td>
              <td>{s.name}</td>
              <td>{s.description}</td>
              <td>
                {props.units
                  .filter((u) => u.sector === s.code)
                  .map((u) => u.name)
                  .join("、")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>組織ごとの部門</h2>
      <form method="post" action="/units/sectors">
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        {/* As read: only the rows changed here are written; one changed meanwhile is a 409 naming both values. */}
        {admin ? <input type="hidden" name={READ_VALUES_FIELD} value={serializeReadValues(Object.fromEntries(props.units.map((u) => [String(u.id), sectorText(u.sector)])))} /> : null}
        <table class="data">
          <thead>
            <tr>
              <th scope="col">組織</th>
              <th scope="col">存続期間</th>
              <th scope="col">部門</th>
            </tr>
          </thead>
          <tbody>
            {tree.map(({ unit, depth }) => (
              <tr>
                <td>
                  <label for={`sector-${unit.id}`}>
                    {"　".repeat(depth)}
                    {unit.name}
                  </label>
                </td>
                <td>{validityLabel(unit)}</td>
                <td>
                  <select id={`sector-${unit.id}`} name={`sector.${unit.id}`} disabled={!admin}>
                    <SectorOptions selected={unit.sector} />
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {admin ? (
          <p>
            <button type="submit">部門の対応を保存</button>
          </p>
        ) : null}
      </form>
    </Layout>
  );
}
