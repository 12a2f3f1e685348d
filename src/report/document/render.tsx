/**
 * Renders a PolicyDocument to one self-contained HTML document (inline CSS, inline SVG charts, images as data:
 * URIs): cover, 目次, the sections, the item sheets. The same HTML is previewed in the app, printed to PDF and
 * published. `pages` (heading id → page) fills the 目次 and page references once the PDF pass knows them.
 */
import { raw } from "hono/html";
import { formatFiscalYear } from "../../domain/era.js";
import { AttachmentFigure } from "../figures/attachment.js";
import { ClassificationGridFigure } from "../figures/classification-grid.js";
import { DiagnosisFigure } from "../figures/diagnosis.js";
import { HeadcountTableFigure } from "../figures/headcount-table.js";
import { ItemSheet } from "../figures/item-sheet.js";
import { LaspeyresFigure } from "../figures/laspeyres.js";
import { PeersFigure } from "../figures/peers.js";
import { RetirementCohortsFigure } from "../figures/retirement-cohorts.js";
import { SectorsFigure, sectorsDescribed } from "../figures/sectors.js";
import { StaffPopulationFigure } from "../figures/staff-population.js";
import { SubcommitteesFigure } from "../figures/subcommittees.js";
import { figureLabel } from "../figures/common.js";
import { emptyFigureReason, figureName } from "./gaps.js";
import { type DocBlock, type FigureSpec, numberFigures, type PolicyDocument, tocEntries } from "./model.js";
import { parseNarrative } from "./narrative.js";
import { documentCss } from "./styles.js";

/** A page reference in narrative text, replaced when the page of the heading is known (private-use brackets). */
export function pageToken(headingId: string): string {
  return `\uE000${headingId}\uE001`;
}
const PAGE_TOKEN = /\uE000([^\uE001]*)\uE001/g;

export interface RenderOptions {
  /** Page of each heading (by id), from the PDF pass; absent in the first pass and the screen preview. */
  pages?: ReadonlyMap<string, number>;
  /** Link this stylesheet instead of inlining the CSS (the app's preview, whose CSP refuses inline styles). */
  stylesheetHref?: string;
  /**
   * The app's own preview for the secretariat: placeholders say where to upload the missing image. Never set for what
   * is published (PDF, `report`, the site): app instructions are not for the public.
   */
  preview?: boolean;
}

/** 「令和7年(2025年)9月」 from "2025-09". */
export function issuedLabel(issued: string): string {
  const [y, m] = issued.split("-").map(Number);
  if (!y || !m) return issued;
  const fy = formatFiscalYear(y).replace(/年度\((\d+)年度\)$/, "年($1年)");
  return `${fy}${m}月`;
}

/** 「千歳市 行政改革基本方針 令和7年度(2025年度)」: the running header of every page. */
export function runningHeader(doc: PolicyDocument): string {
  return `${doc.municipality.name} ${doc.title.replace(/\s+/g, "")} ${formatFiscalYear(doc.fiscalYear)}`;
}

/** A figure without any data: its number and name, and 「データがありません」 instead of an empty table or chart. */
function EmptyFigure(props: { number: number; id: string; name: string; reason: string }) {
  const captionId = `${props.id}-caption`;
  return (
    <figure class="figure empty-figure" id={props.id} aria-labelledby={captionId}>
      <p class="no-data">データがありません({props.reason})</p>
      <figcaption id={captionId} class="figure-caption">
        <span class="figure-label">{figureLabel(props.number)}</span> {props.name}
      </figcaption>
    </figure>
  );
}

function Figure(props: { spec: FigureSpec; number: number; id: string; doc: PolicyDocument; preview: boolean }) {
  const { spec, number, id, doc } = props;
  const empty = emptyFigureReason(spec);
  if (empty) return <EmptyFigure number={number} id={id} name={figureName(spec)} reason={empty} />;
  switch (spec.type) {
    case "attachment":
      return <AttachmentFigure number={number} id={id} data={spec.data} hint={props.preview} />;
    case "subcommittees":
      return <SubcommitteesFigure number={number} id={id} rows={spec.rows} />;
    case "headcounts":
      return <HeadcountTableFigure number={number} id={id} table={spec.table} />;
    case "staffPopulation":
      return <StaffPopulationFigure number={number} id={id} data={spec.data} />;
    case "retirement":
      return <RetirementCohortsFigure number={number} id={id} table={spec.table} />;
    case "classification":
      return <ClassificationGridFigure number={number} id={id} groupKey={spec.groupKey} fiscalYear={spec.fiscalYear} name={doc.municipality.name} />;
    case "peers":
      return <PeersFigure number={number} id={id} data={spec.data} prefecture={doc.municipality.prefecture} />;
    case "laspeyres":
      return <LaspeyresFigure number={number} id={id} data={spec.data} />;
    case "diagnosis":
      return <DiagnosisFigure number={number} id={id} data={spec.data} name={doc.municipality.name} />;
    case "sectors":
      return <SectorsFigure number={number} id={id} sectors={sectorsDescribed(diagnosisRows(doc))} />;
  }
}

/** The staff by sector of the document's 図表10 (empty without one): 図表11 describes the sectors the municipality staffs. */
function diagnosisRows(doc: PolicyDocument): { code: string; previous: number | null; current: number | null }[] {
  for (const b of doc.blocks) if (b.kind === "figure" && b.figure.type === "diagnosis") return b.figure.data.rows;
  return [];
}

function Narrative(props: { text: string; keyName: string; pages: ReadonlyMap<string, number> | undefined; headingLevel: 3 | 4; wide?: boolean }) {
  const text = props.text.replace(PAGE_TOKEN, (_, id: string) => {
    const page = props.pages?.get(id);
    return page === undefined ? "後掲の" : String(page);
  });
  const note = props.keyName.startsWith("notes.");
  return (
    <div class={`narrative${note ? " notes" : ""}${props.wide ? " wide-page" : ""}`} data-narrative={props.keyName}>
      {parseNarrative(text).map((b) =>
        b.type === "paragraph" ? (
          <p>{b.text}</p>
        ) : b.type === "heading" ? (
          props.headingLevel === 3 ? (
            <h3 class="narrative-heading">{b.text}</h3>
          ) : (
            <h4 class="narrative-heading">{b.text}</h4>
          )
        ) : (
          <ul class="bullets-sq">
            {b.items.map((i) => (
              <li>{i}</li>
            ))}
          </ul>
        ),
      )}
    </div>
  );
}

function Block(props: { block: DocBlock; doc: PolicyDocument; numbers: Map<string, number>; pages: ReadonlyMap<string, number> | undefined; headingLevel: 3 | 4; preview: boolean }) {
  const b = props.block;
  switch (b.kind) {
    case "heading": {
      const content = (
        <>
          {b.label ? <span class="heading-label">{b.label} </span> : null}
          {b.text}
        </>
      );
      return b.level === 2 ? (
        <h2 id={b.id} class={[b.newPage ? "new-page" : "", b.wide ? "wide-page" : ""].filter(Boolean).join(" ") || undefined}>
          {content}
        </h2>
      ) : (
        <h3 id={b.id}>{content}</h3>
      );
    }
    case "text":
      return b.text.trim() === "" ? null : <Narrative text={b.text} keyName={b.key} pages={props.pages} headingLevel={props.headingLevel} wide={b.wide} />;
    case "list":
      return (
        <ul class="generated-list">
          {b.items.map((i) => (
            <li>{i}</li>
          ))}
        </ul>
      );
    case "figure": {
      const figure = <Figure spec={b.figure} number={props.numbers.get(b.id) ?? 0} id={b.id} doc={props.doc} preview={props.preview} />;
      return b.wide ? <div class="wide-page">{figure}</div> : <div class="table-wrap" tabindex={0}>{figure}</div>;
    }
    case "items":
      return (
        <>
          {b.items.map((item) => (
            <ItemSheet sheet={item} images={props.doc.images} />
          ))}
        </>
      );
  }
}

/** A narrative's own small headings sit one level below the section heading before it (h3 under h2, h4 under h3). */
function narrativeHeadingLevel(blocks: readonly DocBlock[], index: number): 3 | 4 {
  for (let i = index - 1; i >= 0; i--) {
    const b = blocks[i];
    if (b?.kind === "heading") return b.level === 2 ? 3 : 4;
  }
  return 3;
}

/** The whole document as an HTML string (doctype included). */
export function renderPolicyHtml(doc: PolicyDocument, options: RenderOptions = {}): string {
  const numbers = numberFigures(doc.blocks);
  const toc = tocEntries(doc.blocks);
  const header = runningHeader(doc);
  const edition = formatFiscalYear(doc.fiscalYear);
  const page = (
    <html lang="ja">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${doc.municipality.name} ${doc.title} ${edition} ${doc.subtitle}`}</title>
        {options.stylesheetHref ? <link rel="stylesheet" href={options.stylesheetHref} /> : <style>{raw(documentCss(header))}</style>}
      </head>
      <body>
        <main class="document">
          <section class="cover" aria-labelledby="doc-title">
            <p class="municipality">{doc.municipality.name}</p>
            <h1 id="doc-title">
              <span class="visually-hidden">{doc.municipality.name} </span>
              {doc.title}
            </h1>
            <p class="edition">
              {edition.replace(/\(/, " (")}
            </p>
            <p class="subtitle">{doc.subtitle}</p>
            {doc.issued ? <p class="issued">{issuedLabel(doc.issued)}</p> : null}
          </section>
          <nav class="toc" aria-labelledby="toc-title">
            <h2 id="toc-title">目次</h2>
            <ol>
              {toc.map((e) => (
                <li class={`level-${e.level}`}>
                  <a class="toc-text" href={`#${e.id}`}>
                    {e.label ? `${e.label} ` : ""}
                    {e.text}
                  </a>
                  <span class="leader" aria-hidden="true"></span>
                  <span class="page">{options.pages?.get(e.id) ?? ""}</span>
                </li>
              ))}
            </ol>
          </nav>
          {doc.blocks.map((block, i) => (
            <Block block={block} doc={doc} numbers={numbers} pages={options.pages} headingLevel={narrativeHeadingLevel(doc.blocks, i)} preview={options.preview === true} />
          ))}
        </main>
      </body>
    </html>
  );
  return `<!DOCTYPE html>${page.toString()}`;
}
