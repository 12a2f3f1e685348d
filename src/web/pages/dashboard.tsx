import type { AuditRow } from "../../db/schema.js";
import { formatFiscalYear } from "../../domain/era.js";
import type { SessionContext } from "../../services/auth.js";
import { formatTimestamp } from "../format.js";
import { AREAS, Layout } from "../layout.js";
import { AREA_DESCRIPTIONS } from "./areas.js";

export interface DashboardProps {
  session: SessionContext;
  csrfToken: string;
  fiscalYear: number;
  unitCount: number;
  userCount: number;
  recentChanges: AuditRow[] | null;
}

export function DashboardPage(props: DashboardProps) {
  const m = props.session.municipality;
  return (
    <Layout title="ダッシュボード" session={props.session} csrfToken={props.csrfToken} current="/">
      <h1>
        {m.prefecture}
        {m.name} ダッシュボード
      </h1>
      <p class="lead">
        現在の年度: <strong>{formatFiscalYear(props.fiscalYear)}</strong> ・ 団体コード {m.code} ・ 組織 {props.unitCount} ・ ユーザー{" "}
        {props.userCount}
      </p>
      <h2>年次サイクル</h2>
      <div class="cards">
        {AREAS.filter((a) => a.path !== "/").map((area) => (
          <div class="card">
            <h3>
              <a href={area.path}>{area.label}</a>
            </h3>
            <p>{AREA_DESCRIPTIONS[area.path]}</p>
          </div>
        ))}
      </div>
      {props.recentChanges ? (
        <>
          <h2>最近の変更</h2>
          {props.recentChanges.length === 0 ? (
            <p>まだ変更はありません。</p>
          ) : (
            <table class="data">
              <thead>
                <tr>
                  <th scope="col">日時</th>
                  <th scope="col">操作者</th>
                  <th scope="col">内容</th>
                </tr>
              </thead>
              <tbody>
                {props.recentChanges.map((row) => (
                  <tr>
                    <td>{formatTimestamp(row.at)}</td>
                    <td>{row.actor}</td>
                    <td>{row.summary}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p>
            <a href="/audit">変更履歴をすべて見る</a>
          </p>
        </>
      ) : null}
    </Layout>
  );
}
