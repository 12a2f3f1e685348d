/** The edit form of a reform item (取組内容・計画・実績・効果・備考 of one edition), for the secretariat. */
import type { UnitChoice } from "../../services/organisation.js";
import { formatEraYear } from "../../domain/era.js";
import { ITEM_STATES } from "../../domain/reform.js";
import type { SessionContext } from "../../services/auth.js";
import type { ItemView } from "../../services/reform/read-model.js";
import { formatTimestamp } from "../format.js";
import { Layout } from "../layout.js";
import { Alerts } from "./components.js";
import { UnitCheckboxes } from "./reform-overview.js";
import { ConflictPanel, ReformNav } from "./reform-common.js";

export interface ItemFormValues {
  name: string;
  state: string;
  unitIds: number[];
  unitLabels: string;
  content: string;
  effect: string;
  remarks: string;
  plans: Record<number, string>;
  results: Record<number, string>;
}

export interface ItemConflictView {
  message: string;
  theirs: ItemView;
  rows: { label: string; theirs: string; mine: string }[];
}

/** The years the edit form has a plan and a result field for. */
export function formYears(item: ItemView): { planYears: number[]; pastYears: number[] } {
  const planYears = [item.editionYear, item.editionYear + 1, item.editionYear + 2, item.editionYear + 3];
  const pastYears = item.history.map((h) => h.fiscalYear);
  return { planYears, pastYears };
}

function Area(props: { id: string; label: string; value: string; rows?: number; hint?: string }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.hint ? <p class="hint">{props.hint}</p> : null}
      <textarea id={props.id} name={props.id} rows={Math.min(24, Math.max(props.rows ?? 5, props.value.split("\n").length + 1))}>
        {props.value}
      </textarea>
    </div>
  );
}

export function ItemEditPage(props: {
  session: SessionContext;
  csrfToken: string;
  item: ItemView;
  units: UnitChoice[];
  values: ItemFormValues;
  version: number;
  error?: string | undefined;
  conflict?: ItemConflictView | undefined;
  notice?: string | undefined;
}) {
  const { item, values } = props;
  const { planYears, pastYears } = formYears(item);
  const title = `(${item.number}) ${item.name} の編集`;
  const blockHint = "空行で段落を区切ります。「・」で始まる行は箇条書き、【】だけの行は見出し、「|」で区切った行は表(1行目が見出し)、![説明](画像番号) は画像です。";
  const cellHint = "1行目に <継続実施> などの段階、続けて1行に1項目。左の列と同じときは「同左」とだけ書きます。";
  return (
    <Layout title={title} session={props.session} csrfToken={props.csrfToken} current="/reform">
      <h1>{title}</h1>
      <ReformNav current="" actor={props.session.actor} />
      <Alerts notice={props.notice} />
      {props.conflict ? (
        <ConflictPanel
          message={props.conflict.message}
          theirsCaption={`保存されている最新の内容(${props.conflict.theirs.updatedBy} ${formatTimestamp(props.conflict.theirs.updatedAt)})`}
          rows={props.conflict.rows}
        />
      ) : null}
      <Alerts error={props.error} />
      <form method="post" action={`/reform/items/${item.id}`} class="item-form">
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <input type="hidden" name="version" value={String(props.version)} />
        <input type="hidden" name="unitsShown" value="1" />
        <div class="row">
          <div class="field grow">
            <label for="name">事業名</label>
            <input id="name" name="name" type="text" value={values.name} required />
          </div>
          <div class="field">
            <label for="state">区分</label>
            <select id="state" name="state">
              {ITEM_STATES.map((s) => (
                <option value={s} selected={s === values.state}>
                  {s}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div class="field">
          <label for="unitLabels">担当課の表記(「、」区切り、冊子に印刷される文字)</label>
          <input id="unitLabels" name="unitLabels" type="text" value={values.unitLabels} />
        </div>
        <UnitCheckboxes units={props.units} checked={values.unitIds} />
        <Area id="content" label="取組内容" value={values.content} rows={8} hint={blockHint} />
        <fieldset class="plan-fields">
          <legend>取組計画</legend>
          <p class="hint">{cellHint}</p>
          <div class="plan-grid">
            {planYears.map((fy, i) => (
              <Area id={`plan.${fy}`} label={`${formatEraYear(fy)}${i === planYears.length - 1 ? "以降" : ""}`} value={values.plans[fy] ?? ""} rows={8} />
            ))}
          </div>
        </fieldset>
        <Area id="effect" label="取組効果" value={values.effect} rows={5} hint={blockHint} />
        <fieldset class="plan-fields">
          <legend>これまでの取組計画・実績</legend>
          <div class="history-grid">
            <Area id={`result.${item.editionYear}`} label={`${formatEraYear(item.editionYear)}の取組実績`} value={values.results[item.editionYear] ?? ""} rows={5} />
            {pastYears.map((fy) => (
              <>
                <Area id={`plan.${fy}`} label={`${formatEraYear(fy)}の取組計画`} value={values.plans[fy] ?? ""} rows={6} />
                <Area id={`result.${fy}`} label={`${formatEraYear(fy)}の取組実績`} value={values.results[fy] ?? ""} rows={6} />
              </>
            ))}
          </div>
        </fieldset>
        <Area id="remarks" label="備考" value={values.remarks} rows={8} hint={blockHint} />
        <p class="actions">
          <button type="submit">保存</button> <a href={`/reform/items/${item.id}`}>保存せずに戻る</a>
        </p>
      </form>

      <h2>画像の登録</h2>
      <form class="inline" method="post" action={`/reform/items/${item.id}/attachments`} enctype="multipart/form-data">
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <div>
          <label for="image">画像ファイル(PNG・JPEG・GIF・WebP、2MBまで)</label>
          <input id="image" name="file" type="file" accept="image/png,image/jpeg,image/gif,image/webp" required />
        </div>
        <div>
          <button type="submit">登録</button>
        </div>
        <p class="hint">登録すると画像番号が表示されます。取組内容・取組効果・備考に ![説明](画像番号) と書くと、その位置に表示されます。</p>
      </form>
    </Layout>
  );
}
