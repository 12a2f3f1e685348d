import type { PresentedMunicipality } from "../../services/municipalities.js";
import { Layout } from "../layout.js";

/** 公表資料: what citizens may read without an account. */
export function PublicIndexPage(props: { municipalities: PresentedMunicipality[]; csrfToken: string }) {
  return (
    <Layout title="公表資料" session={null} csrfToken={props.csrfToken}>
      <h1>公表資料</h1>
      <p class="lead">各団体が公表した行政改革基本方針と取組状況を掲載します。</p>
      {props.municipalities.length === 0 ? (
        <p>登録されている団体はありません。</p>
      ) : (
        <ul>
          {props.municipalities.map((m) => (
            <li>
              {m.prefecture}
              {m.name}: 公表済みの資料はまだありません。
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
