import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { canAdminister, canReadAuditLog, ROLE_LABELS } from "../domain/roles.js";
import type { SessionContext } from "../services/auth.js";

/** The areas of the application, in the order of the yearly cycle. */
export const AREAS = [
  { path: "/", label: "ダッシュボード" },
  { path: "/reform", label: "業務改革" },
  { path: "/staffing", label: "定数管理" },
  { path: "/comparison", label: "類似団体比較" },
  { path: "/hearings", label: "ヒアリング" },
  { path: "/publication", label: "公表" },
] as const;

export interface LayoutProps {
  title: string;
  session: SessionContext | null;
  csrfToken: string;
  /** Path of the navigation entry to mark as current. */
  current?: string;
  children?: Child;
}

/**
 * Who is signed in, the お知らせ link and the logout form: the only part of a page that belongs to one session.
 * web/page-cache.ts keeps a page without it and puts each request's own in its place.
 */
export function SessionBar({ session, csrfToken }: { session: SessionContext; csrfToken: string }) {
  return (
    <div class="who">
      <span>
        {session.displayName} ({ROLE_LABELS[session.actor.role]})
      </span>
      <a href="/notifications">お知らせ{session.unreadNotifications ? `(未読 ${session.unreadNotifications})` : ""}</a>
      <a href="/account/password">パスワード変更</a>
      <form method="post" action="/logout">
        <input type="hidden" name="_csrf" value={csrfToken} />
        <button class="secondary" type="submit">
          ログアウト
        </button>
      </form>
    </div>
  );
}

export function Layout({ title, session, csrfToken, current, children }: LayoutProps) {
  const municipality = session ? `${session.municipality.prefecture}${session.municipality.name}` : "";
  return (
    <>
      {raw("<!DOCTYPE html>")}
      <html lang="ja">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} | gyokaku 行革`}</title>
        <link rel="stylesheet" href="/assets/tokens.css" />
        <link rel="stylesheet" href="/assets/app.css" />
      </head>
      <body>
        <a class="skip" href="#main">本文へ移動</a>
        <header class="site">
          <div class="bar">
            <a class="brand" href={session ? "/" : "/public"}>
              gyokaku 行革<small>{municipality ? `${municipality} 行政改革・定数管理` : "行政改革・定数管理"}</small>
            </a>
            {session ? (
              <SessionBar session={session} csrfToken={csrfToken} />
            ) : (
              <div class="who">
                <a href="/login">ログイン</a>
              </div>
            )}
          </div>
        </header>
        {session ? (
          <nav class="areas" aria-label="主な機能">
            <ul>
              {AREAS.map((area) => (
                <li>
                  <a href={area.path} aria-current={current === area.path ? "page" : undefined}>
                    {area.label}
                  </a>
                </li>
              ))}
              <li>
                <a href="/units" aria-current={current === "/units" ? "page" : undefined}>
                  組織
                </a>
              </li>
              {canReadAuditLog(session.actor) ? (
                <li>
                  <a href="/audit" aria-current={current === "/audit" ? "page" : undefined}>
                    変更履歴
                  </a>
                </li>
              ) : null}
              {canAdminister(session.actor) ? (
                <li>
                  <a href="/users" aria-current={current === "/users" ? "page" : undefined}>
                    ユーザー
                  </a>
                </li>
              ) : null}
              {canAdminister(session.actor) ? (
                <li>
                  <a href="/security" aria-current={current === "/security" ? "page" : undefined}>
                    セキュリティ
                  </a>
                </li>
              ) : null}
            </ul>
          </nav>
        ) : null}
        <main id="main">{children}</main>
        <footer class="site">gyokaku — 自治体の行政改革・定数管理のためのオープンソースソフトウェア</footer>
      </body>
      </html>
    </>
  );
}
