/**
 * The static public site's frame: one stylesheet (relative link), no scripts, no request to any other host, links
 * relative so the folder works from a web server and from the file system alike. JIS X 8341-3 AA: lang="ja", one h1,
 * a skip link, visible focus, table headers with scope, charts with a title and a data table under them.
 */
import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import type { PublicBlock, PublicCell } from "../../services/publication-policy.js";

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
.depth-1{padding-left:1.5em}
.depth-2{padding-left:3em}
.sub{color:#333}
dl.meta dt{font-weight:bold}
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

/** Rich text of an item as published (images show their description: attachments are not published yet). */
export function Blocks(props: { blocks: readonly PublicBlock[] }) {
  return (
    <>
      {props.blocks.map((b) => {
        switch (b.type) {
          case "paragraph":
            return <p>{b.text}</p>;
          case "heading":
            return (
              <p>
                <strong>{b.text}</strong>
              </p>
            );
          case "list":
            return (
              <ul>
                {b.items.map((i) => (
                  <li>{i}</li>
                ))}
              </ul>
            );
          case "table":
            return (
              <div class="table-scroll">
                <table>
                  {b.header.length > 0 ? (
                    <thead>
                      <tr>
                        {b.header.map((h) => (
                          <th scope="col">{h}</th>
                        ))}
                      </tr>
                    </thead>
                  ) : null}
                  <tbody>
                    {b.rows.map((r) => (
                      <tr>
                        {r.map((c) => (
                          <td>{c}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            );
          case "image":
            return <p class="sub">[図: {b.alt}]</p>;
        }
      })}
    </>
  );
}

/** A plan or result cell: its stage tag and bullet lines; 同左 repeats the cell on its left. */
export function Cell(props: { cell: PublicCell | null }) {
  const { cell } = props;
  if (!cell) return <span class="sub">—</span>;
  return (
    <>
      {cell.stage ? <p>{`<${cell.stage}>`}</p> : null}
      {cell.sameAsLeft ? <p>同左</p> : null}
      {!cell.sameAsLeft && cell.lines.length > 0 ? (
        <ul>
          {cell.lines.map((l) => (
            <li>{l}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

/** Numbers as a person reads them in a table: separators; negative with ▲ as the seed prints them. */
export function formatCount(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "";
  const abs = Math.abs(value).toLocaleString("ja-JP", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return value < 0 ? `▲${abs}` : abs;
}

/**
 * An ECharts SVG made fit to sit inline in a page: role="img" with a name, a <title>, and ids prefixed so two
 * charts on one page never share a clip path.
 */
export function inlineSvg(svg: string, label: string, idPrefix: string): string {
  const escaped = label.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
  return svg
    .replace(/<\?xml[^>]*>\s*/, "")
    // Inline in HTML the SVG namespace is implied; dropping the declarations keeps the site free of absolute URLs.
    .replace(/\s+xmlns(:[a-z]+)?="[^"]*"/g, "")
    .replace(/\bzr0-/g, `${idPrefix}-`)
    .replace(/<svg\b/, `<svg role="img" aria-label="${escaped}" focusable="false"`)
    .replace(/(<svg\b[^>]*>)/, `$1<title>${escaped}</title>`);
}
