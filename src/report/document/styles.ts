/**
 * Screen and print CSS of the 基本方針 document. Print: A4, running header (団体名 + title + edition) and page
 * numbers in @page margin boxes, landscape named pages for wide tables and the item sheets, table rows never split,
 * header rows repeated on the next page, IPAex Gothic. As in the seed, the cover and the 目次 carry no number and
 * are not counted: every page named `cover` resets the page counter to -1, so the first body page is 1. Kept inline in the document so the HTML is self-contained.
 */

/** Quotes a string for CSS `content:`. */
function cssString(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, " ")}"`;
}

export function documentCss(runningHeader: string): string {
  return `
@page { size: A4; margin: 20mm 16mm 18mm 16mm;
  @top-center { content: ${cssString(runningHeader)}; font-size: 8.5pt; color: #333; }
  @bottom-center { content: counter(page); font-size: 9pt; color: #000; } }
@page wide { size: A4 landscape; margin: 16mm 14mm 14mm 14mm; }
@page cover { counter-reset: page -1; @top-center { content: none; } @bottom-center { content: none; } }
:root { color: #1a1a1a; background: #fff; }
body { font-family: "IPAexGothic", "IPAexゴシック", "Noto Sans CJK JP", sans-serif; font-size: 10.5pt; line-height: 1.7; margin: 0; }
.document { max-width: 190mm; margin: 0 auto; padding: 0 4mm; }
a { color: #0b4fa8; }
a:focus-visible { outline: 3px solid #b35900; outline-offset: 2px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.cover { page: cover; text-align: center; padding-top: 50mm; break-after: page; }
.cover .municipality { font-size: 20pt; letter-spacing: 0.2em; margin: 0; }
.cover h1 { font-size: 28pt; margin: 6mm 0 14mm; letter-spacing: 0.15em; }
.cover .edition { font-size: 18pt; margin: 0; }
.cover .subtitle { font-size: 16pt; margin: 18mm 0 0; }
.cover .issued { font-size: 13pt; margin-top: 50mm; }
.toc { page: cover; break-after: page; }
.toc h2 { text-align: center; letter-spacing: 1em; border: none; }
.toc ol { list-style: none; padding: 0; margin: 8mm 0; }
.toc li { display: flex; align-items: baseline; margin: 2.5mm 0; }
.toc li.level-3 { padding-left: 8mm; }
.toc .toc-text { flex: 0 1 auto; }
.toc .leader { flex: 1 1 auto; border-bottom: 1px dotted #555; margin: 0 2mm; min-width: 10mm; }
.toc .page { flex: 0 0 auto; min-width: 8mm; text-align: right; }
h2 { font-size: 15pt; border-bottom: 2px solid #1a1a1a; padding-bottom: 1mm; margin: 8mm 0 4mm; break-after: avoid; }
h2.new-page { break-before: page; }
h3 { font-size: 12.5pt; margin: 6mm 0 3mm; break-after: avoid; }
h4, .narrative-heading { font-size: 11pt; margin: 4mm 0 2mm; break-after: avoid; }
p { margin: 0 0 2.5mm; text-indent: 1em; }
.bullets-sq { list-style: none; padding-left: 1em; }
.bullets-sq li::before { content: "■ "; }
.generated-list { list-style: none; padding-left: 1em; }
.generated-list li::before { content: "■ "; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 5mm; font-size: 8.5pt; line-height: 1.4; }
th, td { border: 1px solid #444; padding: 1mm 1.5mm; vertical-align: top; }
thead { display: table-header-group; }
thead th, thead td { background: #e8edf5; text-align: center; vertical-align: middle; }
tr { break-inside: avoid; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total th, tr.total td { font-weight: bold; background: #f3f3f3; }
tr.note td { font-size: 7.5pt; border-top: none; }
tr.sub th { font-weight: normal; padding-left: 4mm; }
th.d1 { padding-left: 4mm; } th.d2 { padding-left: 7mm; }
.former-name { display: block; font-size: 7pt; font-weight: normal; }
caption.figure-caption, figcaption.figure-caption { caption-side: bottom; text-align: center; font-size: 9.5pt; margin-top: 1.5mm; font-weight: bold; }
caption.data-caption { caption-side: top; text-align: left; font-size: 8.5pt; }
.figure { margin: 3mm 0 6mm; break-inside: avoid; }
.chart-box svg.chart { width: 100%; height: auto; display: block; }
.wide-page { page: wide; }
.wide-page table { font-size: 7.5pt; line-height: 1.25; }
.wide-page th, .wide-page td { padding: 0.5mm 1.2mm; }
.cohort-table td.retire { background: #fde7c8; font-weight: bold; }
.cohort-table td.no-retirees { background: #eee; font-size: 7pt; }
.cohort-table .born { display: block; font-size: 7pt; font-weight: normal; }
.cohort-table tbody th, .cohort-table thead th[scope="row"] { white-space: nowrap; }
.cohort-table td.retire { white-space: normal; }
.zuhyo7 td.type { text-align: center; }
.zuhyo10 tbody th, .zuhyo8 tbody th, .zuhyo4 tbody th { white-space: nowrap; }
.zuhyo7 td.own { background: #fde7c8; border: 2px solid #b35900; }
.zuhyo8 tr.own th, .zuhyo8 tr.own td { background: #fde7c8; }
.placeholder { border: 2px dashed #666; padding: 10mm; text-align: center; color: #333; background: #fafafa; }
/* A missing 図表1・2 keeps the room of the diagram it stands for (the seed's are about 80 mm high), so the pages after it
   do not move when the image is uploaded. */
.image-figure .placeholder { box-sizing: border-box; min-height: 80mm; display: flex; flex-direction: column; justify-content: center; }
.placeholder p { text-indent: 0; }
.empty-figure .no-data { border: 1px solid #666; padding: 6mm; text-align: center; text-indent: 0; color: #333; }
.note-text p, .notes p { font-size: 8.5pt; text-indent: 0; }
.item-sheet { page: wide; }
.item-sheet + .item-sheet { break-before: page; }
.item-sheet h3.item-title, .item-sheet h4.item-title { display: flex; justify-content: space-between; }
.item-sheet .item-state { border: 1px solid #1a1a1a; padding: 0 3mm; font-size: 10pt; }
table.sheet { font-size: 8pt; margin: 0; }
table.sheet + table.sheet { margin-top: -1px; }
table.sheet th[scope="row"] { width: 18mm; background: #e8edf5; text-align: center; vertical-align: middle; }
table.sheet p { text-indent: 0; margin: 0 0 1mm; }
table.sheet ul.bullets { margin: 0; padding-left: 1.2em; }
table.sheet .plan-cell { width: 25%; }
table.sheet .same-as-left { text-align: center; }
table.block-table { font-size: 7.5pt; margin: 1mm 0; }
.remarks { border: 1px solid #444; border-top: none; padding: 1.5mm; font-size: 8pt; }
.remarks p { text-indent: 0; }
.block-image img, .image-figure img { max-width: 100%; height: auto; }
@media print {
  /* The page box sets the width: a portrait page keeps its 170 mm of text, a landscape page (図表4, the item sheets) its full 261 mm. */
  .document { max-width: none; }
  /* 令7 (2025) in table headers is an abbreviation for 令和7年度: no dotted underline on paper, as in the seed. */
  abbr[title] { text-decoration: none; }
  /* On paper the sheet's 事業名 row names the item (as in the seed); its heading stays for navigation and the PDF tags. */
  .item-sheet > .item-title { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
}
@media screen {
  body { background: #f2f2f2; }
  .document { background: #fff; padding: 12mm 16mm; margin: 6mm auto; box-shadow: 0 0 4px rgba(0,0,0,.2); }
  .cover { padding-top: 30mm; min-height: 0; }
  .table-wrap { overflow-x: auto; }
}
`;
}
