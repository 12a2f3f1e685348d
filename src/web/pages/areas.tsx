import type { SessionContext } from "../../services/auth.js";
import { AREAS, Layout } from "../layout.js";

/** What each area of the yearly cycle is for (shown on the dashboard and on the area pages). */
export const AREA_DESCRIPTIONS: Record<string, string> = {
  "/reform": "重点推進項目の年度別計画・実績、指標(KPI)、専門部会、推進本部による検証。",
  "/staffing": "部局別職員数の推移、条例定数と上限(許容率は年度ごとの設定)の確認、定年引上げに伴う採用の平準化。",
  "/comparison": "類似団体区分、人口1万人当たり職員数、定員管理診断表、ラスパイレス指数。",
  "/hearings": "組織・業務改革ヒアリング(様式1～3)と次年度の組織・人員の決定。",
  "/publication": "基本方針の冊子とオープンデータの生成、推進本部の承認、ホームページ用の書き出し。",
};

/** An area whose screens arrive in a later release: says so plainly instead of showing an empty page. */
export function AreaPage(props: { path: string; session: SessionContext; csrfToken: string }) {
  const area = AREAS.find((a) => a.path === props.path);
  const label = area?.label ?? "";
  return (
    <Layout title={label} session={props.session} csrfToken={props.csrfToken} current={props.path}>
      <h1>{label}</h1>
      <p class="lead">{AREA_DESCRIPTIONS[props.path]}</p>
      <p>
        <span class="badge todo">準備中</span> この機能の画面はまだ提供されていません。
      </p>
    </Layout>
  );
}
