/**
 * One 重点推進項目 as the seed's sheet lays it out: 事業名 + 継続/新規, 担当課, 取組内容, 取組計画 in four year
 * columns (同左 printed as 同左), 取組効果, これまでの取組計画・実績 for the three latest past years, 備考.
 * Not a numbered 図表: the sheets follow section 5.
 */
import { formatEraYear } from "../../domain/era.js";
import { type Block, type PlanCell, planYears } from "../../domain/reform.js";

export interface ItemSheetData {
  number: number;
  name: string;
  /** 継続 / 新規 / 完了. */
  state: string;
  unitLabels: string[];
  content: Block[];
  effect: Block[];
  remarks: Block[];
  editionYear: number;
  plans: Record<number, PlanCell | undefined>;
  /** Newest first; the sheet shows the first three. */
  history: { fiscalYear: number; plan: PlanCell | undefined; result: PlanCell | undefined }[];
}

/** How many past years the sheet lists (the seed: 令和6・5・4年度). */
export const PAST_YEARS_ON_SHEET = 3;

function Lines(props: { cell: PlanCell | undefined }) {
  const cell = props.cell;
  if (!cell) return null;
  if (cell.sameAsLeft) {
    return (
      <>
        {cell.stage ? <p class="stage">{`<${cell.stage}>`}</p> : null}
        <p class="same-as-left">同左</p>
      </>
    );
  }
  const groups: { kind: "heading" | "list"; lines: string[] }[] = [];
  for (const line of cell.lines) {
    const kind = line.startsWith("【") || line.startsWith("<") || line.startsWith("＜") ? "heading" : "list";
    const last = groups[groups.length - 1];
    if (kind === "list" && last?.kind === "list") last.lines.push(line);
    else groups.push({ kind, lines: [line] });
  }
  return (
    <>
      {cell.stage ? <p class="stage">{`<${cell.stage}>`}</p> : null}
      {groups.map((g) =>
        g.kind === "list" ? (
          <ul class="bullets">
            {g.lines.map((l) => (
              <li>{l}</li>
            ))}
          </ul>
        ) : (
          <p class="cell-heading">{g.lines[0]}</p>
        ),
      )}
    </>
  );
}

/** Rich-text blocks; an image block shows the attachment from `images` (data: URIs) or a labelled placeholder. */
export function SheetBlocks(props: { blocks: readonly Block[]; images?: ReadonlyMap<number, string> }) {
  return (
    <>
      {props.blocks.map((b) => {
        switch (b.type) {
          case "paragraph":
            return <p>{b.text}</p>;
          case "heading":
            return (
              <p class="block-heading">
                <strong>{b.text}</strong>
              </p>
            );
          case "list":
            return (
              <ul class="bullets">
                {b.items.map((i) => (
                  <li>{i}</li>
                ))}
              </ul>
            );
          case "table": {
            const hasHeader = b.header.some((h) => h !== "");
            return (
              <table class="block-table">
                {hasHeader ? (
                  <thead>
                    <tr>
                      {b.header.map((h) => (h === "" ? <td></td> : <th scope="col">{h}</th>))}
                    </tr>
                  </thead>
                ) : null}
                <tbody>
                  {b.rows.map((r) => (
                    <tr>
                      {r.map((c, i) => (i === 0 ? <th scope="row">{c}</th> : <td>{c}</td>))}
                    </tr>
                  ))}
                </tbody>
              </table>
            );
          }
          case "image": {
            const src = props.images?.get(b.attachmentId);
            return (
              <figure class="block-image">
                {src ? <img src={src} alt={b.alt} /> : <div class="placeholder" role="img" aria-label={`${b.alt || "画像"}(画像は未登録)`}>画像は未登録です</div>}
                {b.alt ? <figcaption>{b.alt}</figcaption> : null}
              </figure>
            );
          }
        }
      })}
    </>
  );
}

function planHeader(fy: number, last: boolean): string {
  return `${formatEraYear(fy)}${last ? "以降" : ""}`;
}

export function ItemSheet(props: { item: ItemSheetData; headingLevel?: 3 | 4; images?: ReadonlyMap<number, string>; id?: string }) {
  const it = props.item;
  const years = planYears(it.editionYear);
  const past = it.history.slice(0, PAST_YEARS_ON_SHEET);
  const title = `(${it.number}) ${it.name}`;
  const Heading = props.headingLevel === 4 ? "h4" : "h3";
  return (
    <section class="item-sheet" id={props.id ?? `item-${it.number}`} aria-label={title}>
      <Heading class="item-title">
        {title}
        <span class="item-state">{it.state}</span>
      </Heading>
      <table class="sheet">
        <caption class="visually-hidden">重点推進項目 {title}</caption>
        <tbody>
          <tr>
            <th scope="row">事業名</th>
            <td colspan={3} class="item-name">
              {title}
            </td>
            <td class="state">{it.state}</td>
          </tr>
          <tr>
            <th scope="row">担当課</th>
            <td colspan={4}>{it.unitLabels.join("、")}</td>
          </tr>
          <tr>
            <th scope="row">取組内容</th>
            <td colspan={4}>
              <SheetBlocks blocks={it.content} images={props.images} />
            </td>
          </tr>
        </tbody>
      </table>
      <table class="sheet plan">
        <caption class="visually-hidden">取組計画 {title}</caption>
        <thead>
          <tr>
            <td class="row-head"></td>
            {years.map((fy, i) => (
              <th scope="col">
                {planHeader(fy, i === years.length - 1)}
                <br />({fy}
                {i === years.length - 1 ? "～" : ""})
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">取組計画</th>
            {years.map((fy) => (
              <td class="plan-cell">
                <Lines cell={it.plans[fy]} />
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row">取組効果</th>
            <td colspan={4}>
              <SheetBlocks blocks={it.effect} images={props.images} />
            </td>
          </tr>
        </tbody>
      </table>
      <table class="sheet history">
        <caption class="visually-hidden">これまでの取組計画・実績 {title}</caption>
        <thead>
          <tr>
            <th scope="col">区分</th>
            <th scope="col">取組計画</th>
            <th scope="col">取組実績</th>
          </tr>
        </thead>
        <tbody>
          {past.map((h) => (
            <tr>
              <th scope="row">
                {formatEraYear(h.fiscalYear)}
                <br />({h.fiscalYear}年度)
              </th>
              <td>
                <Lines cell={h.plan} />
              </td>
              <td>
                <Lines cell={h.result} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {it.remarks.length > 0 ? (
        <div class="remarks">
          <p class="remarks-head">
            <strong>備考</strong>
          </p>
          <SheetBlocks blocks={it.remarks} images={props.images} />
        </div>
      ) : null}
    </section>
  );
}
