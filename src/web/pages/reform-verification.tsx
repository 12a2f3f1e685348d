import { formatEraYear, formatFiscalYear } from "../../domain/era.js";
import { DECISIONS } from "../../domain/reform.js";
import { canVerify } from "../../domain/roles.js";
import type { SessionContext } from "../../services/auth.js";
import type { EditionRef, VerificationSheet } from "../../services/reform-views.js";
import { formatTimestamp } from "../format.js";
import { Layout } from "../layout.js";
import { Alerts } from "./components.js";
import { CellView, ConflictPanel, ReformNav } from "./reform-common.js";
import { EditionList } from "./reform-overview.js";

export interface VerificationFormState {
  itemId: number;
  entered: { evaluation: string; opinion: string; decision: string };
  /** The version to send back (after a conflict: the one now stored). */
  version: string;
  error?: string;
  /** 完了 was chosen without an approved result: the form offers the confirmation checkbox. */
  askConfirmWithoutResult?: boolean;
  conflict?: { message: string; rows: { label: string; theirs: string; mine: string }[]; theirsCaption: string };
}

/** 推進本部の検証: every item of the edition with its reported result and one form per item (hq only). */
export function VerificationPage(props: {
  session: SessionContext;
  csrfToken: string;
  sheet: VerificationSheet;
  editions: EditionRef[];
  notice?: string | undefined;
  form?: VerificationFormState | undefined;
}) {
  const { sheet, session } = props;
  const writer = canVerify(session.actor);
  const title = `推進本部の検証 ${formatFiscalYear(sheet.fiscalYear)}`;
  return (
    <Layout title={title} session={session} csrfToken={props.csrfToken} current="/reform">
      <h1>{title}</h1>
      <ReformNav current="/reform/verification" actor={session.actor} />
      <EditionList editions={props.editions} current={sheet.fiscalYear} path="/reform/verification" />
      <Alerts notice={props.notice} />
      <p class="lead">
        行政改革推進本部が、各項目の{formatEraYear(sheet.fiscalYear)}の取組実績を検証し、評価・意見・次年度の方針を記録します。
        {writer ? "" : " 記録できるのは推進本部の利用者です(この画面は閲覧のみ)。"}
      </p>
      {sheet.rows.map((row) => {
        const v = row.verification;
        const state = props.form?.itemId === row.item.id ? props.form : undefined;
        const entered = state?.entered ?? { evaluation: v?.evaluation ?? "", opinion: v?.opinion ?? "", decision: v?.decision ?? "継続" };
        const version = state?.version ?? (v ? String(v.version) : "");
        const id = (name: string) => `${name}-${row.item.id}`;
        return (
          <section class="verify-item" id={`item-${row.item.id}`} data-item={row.item.number}>
            <h2>
              <a href={`/reform/items/${row.item.id}`}>
                ({row.item.number}) {row.item.name}
              </a>
            </h2>
            <div class="verify-grid">
              <div>
                <h3>取組計画</h3>
                <CellView cell={row.plan} />
              </div>
              <div>
                <h3>取組実績(承認済み)</h3>
                {row.result ? <CellView cell={row.result} /> : <p class="note">まだ承認された実績はありません。</p>}
              </div>
            </div>
            {v ? (
              <p class="recorded" data-evaluation={v.evaluation}>
                記録済み: <strong>{v.evaluation}</strong> ・ 方針 <strong>{v.decision}</strong>
                {v.opinion ? ` ・ 意見「${v.opinion}」${v.opinionInternal ? "(内部用・公表しない)" : ""}` : ""} <small>({v.verifiedBy} {formatTimestamp(v.verifiedAt)})</small>
              </p>
            ) : null}
            {state?.conflict ? <ConflictPanel message={state.conflict.message} theirsCaption={state.conflict.theirsCaption} rows={state.conflict.rows} /> : null}
            <Alerts error={state?.error} />
            {writer ? (
              <form class="inline verify-form" method="post" action="/reform/verification">
                <input type="hidden" name="_csrf" value={props.csrfToken} />
                <input type="hidden" name="itemId" value={String(row.item.id)} />
                <input type="hidden" name="year" value={String(sheet.fiscalYear)} />
                <input type="hidden" name="version" value={version} />
                <div>
                  <label for={id("evaluation")}>評価</label>
                  <select id={id("evaluation")} name="evaluation" required>
                    <option value="">選んでください</option>
                    {sheet.evaluations.map((e) => (
                      <option value={e} selected={e === entered.evaluation}>
                        {e}
                      </option>
                    ))}
                  </select>
                </div>
                <div>
                  <label for={id("decision")}>次年度の方針</label>
                  <select id={id("decision")} name="decision">
                    {DECISIONS.map((d) => (
                      <option value={d} selected={d === entered.decision}>
                        {d}
                      </option>
                    ))}
                  </select>
                </div>
                <div class="wide">
                  <label for={id("opinion")}>意見</label>
                  <textarea id={id("opinion")} name="opinion" rows={2}>
                    {entered.opinion}
                  </textarea>
                  <label class="check">
                    <input type="checkbox" name="opinionInternal" value="1" checked={v?.opinionInternal === true} /> 公表しない(推進本部の内部用メモ)
                  </label>
                </div>
                {state?.askConfirmWithoutResult ? (
                  <div class="wide">
                    <label class="check">
                      <input type="checkbox" name="confirmWithoutResult" value="1" /> 承認された取組実績がないまま「完了」とする
                    </label>
                  </div>
                ) : null}
                <div>
                  <button type="submit">検証を記録</button>
                </div>
              </form>
            ) : null}
          </section>
        );
      })}
    </Layout>
  );
}
