import { formatFiscalYear } from "../../domain/era.js";
import type { YearCompliance } from "../../domain/staffing.js";
import type { SessionContext } from "../../services/auth.js";
import { Layout } from "../layout.js";
import { CompliancePanel, StaffingNav } from "./staffing-common.js";

export interface StaffingOverviewProps {
  session: SessionContext;
  csrfToken: string;
  /** Compliance of the latest year with figures (or the one asked for); null when nothing is recorded yet. */
  compliance: YearCompliance | null;
  /** Span of recorded years, for the links. */
  firstYear: number;
  lastYear: number;
  /** The year the input link opens (the current fiscal year). */
  inputYear: number;
  canEdit: boolean;
}

/** GET /staffing: the pages of the area and this year's compliance. */
export function StaffingOverviewPage(props: StaffingOverviewProps) {
  const span = `from=${props.firstYear}&to=${props.lastYear}`;
  return (
    <Layout title="定数管理" session={props.session} csrfToken={props.csrfToken} current="/staffing">
      <h1>定数管理</h1>
      <StaffingNav current="/staffing" />
      <p class="lead">部局別職員数の推移、条例定数と上限の確認、職員数と人口の推移。数値は各年4月1日現在(市長選を控えた年は、市長選後の人事異動発令日)。</p>
      <div class="cards">
        <div class="card">
          <h3>
            <a href={`/staffing/headcounts?${span}`}>部局別職員数の推移(図表4)</a>
          </h3>
          <p>任命権者・部局ごとの職員数、一般職(合計)と一般職(定数合計)、条例定数と上限。</p>
        </div>
        <div class="card">
          <h3>
            <a href={`/staffing/chart?${span}`}>職員数と人口の推移(図表5)</a>
          </h3>
          <p>一般職(合計)と住基人口のグラフ、人口1万人当たり職員数。</p>
        </div>
        <div class="card">
          <h3>
            <a href={props.compliance ? `/staffing/compliance?year=${props.compliance.fiscalYear}` : "/staffing/compliance"}>定数の遵守状況</a>
          </h3>
          <p>年度ごとに、定数内職員数を条例定数と上限(許容率)に照らして判定します。</p>
        </div>
        <div class="card">
          <h3>
            <a href={`/staffing/headcounts/${props.canEdit ? props.inputYear : props.lastYear}/edit`}>
              {props.canEdit ? `職員数の入力(${formatFiscalYear(props.inputYear)})` : `組織別の職員数(${formatFiscalYear(props.lastYear)})`}
            </a>
          </h3>
          <p>年度ごとに、組織別の職員数と派遣・休職等の内数を入力します。他の年度は図表4の年度見出しから開きます。</p>
        </div>
        <div class="card">
          <h3>
            <a href="/staffing/plans">配置計画</a>
          </h3>
          <p>ヒアリングの決定を反映した翌年度の組織別の職員数と、その定数・上限との照合。</p>
        </div>
        <div class="card">
          <h3>
            <a href="/staffing/settings">定数・人口・許容率の設定</a>
          </h3>
          <p>条例定数とその適用期間、住基人口、定数を超えてよい許容率。</p>
        </div>
      </div>
      {props.compliance ? (
        <CompliancePanel result={props.compliance} />
      ) : (
        <p class="alert warning">まだ職員数が登録されていません。「職員数の入力」から登録してください。</p>
      )}
    </Layout>
  );
}

/** GET /staffing/compliance?year= */
export function CompliancePage(props: { session: SessionContext; csrfToken: string; result: YearCompliance; yearTyped: string }) {
  return (
    <Layout title={`定数の遵守状況 ${formatFiscalYear(props.result.fiscalYear)}`} session={props.session} csrfToken={props.csrfToken} current="/staffing">
      <h1>定数の遵守状況</h1>
      <StaffingNav current="/staffing/compliance" />
      <form class="filters" method="get" action="/staffing/compliance">
        <div>
          <label for="year">年度</label>
          <input id="year" name="year" type="text" value={props.yearTyped} aria-describedby="year-hint" />
          <small id="year-hint">例: 令和7年度、R7、2025</small>
        </div>
        <div>
          <button type="submit">表示</button>
        </div>
      </form>
      <CompliancePanel result={props.result} />
    </Layout>
  );
}
