import { formatEraYear, formatFiscalYear } from "../../domain/era.js";
import type { CarryPreview } from "../../domain/edition-carry.js";
import { READ_VALUES_FIELD, serializeReadValues } from "../../domain/read-values.js";
import type { SessionContext } from "../../services/auth.js";
import { nextEditionReadValues } from "../../services/reform/editions.js";
import { Layout } from "../layout.js";
import { Alerts } from "./components.js";
import { ReformNav } from "./reform-common.js";

/** 次年度の版の作成: what the new edition will carry, drop and add, confirmed before it is created (issue 13 point 4). */
export function NextEditionPage(props: { session: SessionContext; csrfToken: string; preview: CarryPreview; error?: string }) {
  const { preview } = props;
  const title = `${formatFiscalYear(preview.toYear)}の版の作成(確認)`;
  return (
    <Layout title={title} session={props.session} csrfToken={props.csrfToken} current="/reform">
      <h1>{title}</h1>
      <ReformNav current="/reform" actor={props.session.actor} />
      <Alerts error={props.error} />
      <p class="lead">
        {formatFiscalYear(preview.fromYear)}の版から次の内容で{formatFiscalYear(preview.toYear)}の版を作成します。{formatEraYear(preview.fromYear)}の版はそのまま残ります。
      </p>
      <h2>引き継ぐ項目({preview.carried.length}件)</h2>
      <table class="data" id="carried">
        <thead>
          <tr>
            <th scope="col">番号</th>
            <th scope="col">事業名</th>
            <th scope="col">引継ぎで変わること</th>
          </tr>
        </thead>
        <tbody>
          {preview.carried.map((item) => (
            <tr data-item={item.number}>
              <td>({item.number})</td>
              <td>{item.name}</td>
              <td>{item.changes.length > 0 ? item.changes.join("、") : "そのまま"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>外れる項目({preview.dropped.length}件)</h2>
      {preview.dropped.length === 0 ? (
        <p>ありません。</p>
      ) : (
        <table class="data" id="dropped">
          <thead>
            <tr>
              <th scope="col">番号</th>
              <th scope="col">事業名</th>
              <th scope="col">理由</th>
              <th scope="col">注意</th>
            </tr>
          </thead>
          <tbody>
            {preview.dropped.map((item) => (
              <tr data-item={item.number}>
                <td>({item.number})</td>
                <td>{item.name}</td>
                <td>{item.reason}</td>
                <td>{item.warning ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>追加される列</h2>
      <p>{preview.addedYears.length > 0 ? preview.addedYears.map((fy) => `${formatFiscalYear(fy)}以降(同左)`).join("、") : "ありません。"}</p>
      <form class="stack" method="post" action={`/reform/editions/${preview.fromYear}/next`}>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <input type="hidden" name="confirm" value="1" />
        <input type="hidden" name={READ_VALUES_FIELD} value={serializeReadValues(nextEditionReadValues(preview))} />
        {preview.warnings.length > 0 ? (
          <div>
            <input type="checkbox" id="confirm-warnings" name="confirmWarnings" value="1" required />{" "}
            <label for="confirm-warnings">承認された取組実績のない項目が「完了」として外れることを確認しました</label>
          </div>
        ) : null}
        <div>
          <button type="submit">この内容で{formatEraYear(preview.toYear)}の版を作成</button> <a href={`/reform?year=${preview.fromYear}`}>やめる</a>
        </div>
      </form>
    </Layout>
  );
}
