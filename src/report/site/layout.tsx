/**
 * The static public site's frame: one stylesheet (relative link), no scripts, no request to any other host, links
 * relative so the folder works from a web server and from the file system alike. JIS X 8341-3 AA: lang="ja", one h1,
 * a skip link, visible focus, table headers with scope, charts with a title and a data table under them.
 */
import { raw } from "hono/html";
import type { Child } from "hono/jsx";

export const SITE_CSS = `
*{box-sizing:border-box}
html{font-family:"IPAexGothic","Noto Sans JP",sans-serif;line-height:1.7;color:#1a1a1a;background:#fff}
body{margin:0}
a{color:#0031d8}
a:visited{color:#5a1ea0}
a:focus-visible,button:focus-visible{outline:3px solid #d16d00;outline-offset:2px}
.skip{position:absolute;left:-9999px}
.skip:focus{left:8px;top:8px;background:#fff;padding:4px 8px;z-index:1}
header.site{background:#00118f;color:#fff;padding:12px 24px}
header.site a{color:#fff}
header.site p{margin:0}
nav.site ul{list-style:none;display:flex;flex-wrap:wrap;gap:8px 24px;margin:0;padding:8px 24px;background:#e8f1fe}
main{padding:16px 24px;max-width:1200px}
footer.site{padding:16px 24px;border-top:1px solid #949494;font-size:.9em}
table{border-collapse:collapse;margin:8px 0 24px}
caption{text-align:left;font-weight:bold;padding:4px 0}
th,td{border:1px solid #767676;padding:4px 8px;vertical-align:top}
thead th{background:#e8f1fe}
th[scope=row]{text-align:left;font-weight:normal;background:#f8f8fb}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.table-scroll{overflow-x:auto}
figure{margin:16px 0}
figure svg{max-width:100%;height:auto}
.sub{color:#333}
dl.meta dt{font-weight:bold}
.visually-hidden{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
caption.figure-caption,figcaption.figure-caption{caption-side:bottom;text-align:center;font-weight:bold;padding:4px 0}
caption.data-caption{caption-side:top}
svg.chart{width:100%;max-width:960px;height:auto;display:block}
th.d1{padding-left:1.5em}
th.d2{padding-left:3em}
tr.sub th{font-weight:normal;padding-left:2em}
tr.total th,tr.total td{font-weight:bold;background:#f3f3f3}
tr.note td{font-size:.85em}
.former-name{display:block;font-size:.85em}
.zuhyo8 tr.own th,.zuhyo8 tr.own td{background:#fde7c8}
.item-title{display:flex;justify-content:space-between;gap:16px}
.item-state{border:1px solid #1a1a1a;padding:0 12px;font-size:.6em;align-self:center}
table.sheet{width:100%;margin:0}
table.sheet+table.sheet{margin-top:-1px}
table.sheet th[scope=row]{width:7em;text-align:center;background:#e8f1fe}
table.sheet .plan-cell{width:22%}
table.sheet p{margin:0 0 4px}
.remarks{border:1px solid #767676;border-top:none;padding:8px}
.placeholder{border:2px dashed #767676;padding:16px;text-align:center}
.block-image img{max-width:100%;height:auto}
`;

/** Path from a page at `depth` folders below the site root back to the root ("" or "../"). */
export function rootOf(depth: number): string {
  return "../".repeat(depth);
}

export interface SitePageProps {
  title: string;
  /** 団体名 and edition, shown on every page. */
  siteTitle: string;
  /** Folders below the site root (0 for index.html, 1 for items/01.html). */
  depth: number;
  license: string;
  children?: Child;
}

export const NAV = [
  { href: "index.html", label: "トップ" },
  { href: "items/index.html", label: "重点推進項目" },
  { href: "staffing.html", label: "定数管理" },
  { href: "comparison.html", label: "類似団体との比較" },
  { href: "opendata.html", label: "オープンデータ" },
] as const;

export function SitePage(props: SitePageProps) {
  const root = rootOf(props.depth);
  return (
    <>
      {raw("<!DOCTYPE html>")}
      <html lang="ja">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="referrer" content="no-referrer" />
          <title>{`${props.title} | ${props.siteTitle}`}</title>
          <link rel="stylesheet" href={`${root}style.css`} />
        </head>
        <body>
          <a class="skip" href="#main">
            本文へ移動
          </a>
          <header class="site">
            <p>
              <a href={`${root}index.html`}>{props.siteTitle}</a>
            </p>
          </header>
          <nav class="site" aria-label="サイト内">
            <ul>
              {NAV.map((n) => (
                <li>
                  <a href={`${root}${n.href}`}>{n.label}</a>
                </li>
              ))}
            </ul>
          </nav>
          <main id="main">{props.children}</main>
          <footer class="site">
            <p>{props.license}</p>
          </footer>
        </body>
      </html>
    </>
  );
}
