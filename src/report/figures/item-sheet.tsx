/**
 * One 重点推進項目 as the seed's sheet lays it out: 事業名 + 継続/新規, 担当課, 取組内容, 取組計画 in four year
 * columns (同左 printed as 同左), 取組効果, これまでの取組計画・実績 for the three latest past years, 備考.
 * Not a numbered 図表: the sheets follow section 5.
 */
import { formatEraYear } from "../../domain/era.js";
import { planYears } from "../../domain/reform.js";
import type { PublicCell, PublicItem } from "../../services/publication-policy.js";
import { RichBlocks } from "./rich-blocks.js";

/** An item as published (services/publication-policy.ts presentItem) and the edition it belongs to. */
export interface ItemSheetData {
  item: PublicItem;
  editionYear: number;
}

/** How many past years the sheet lists (the seed: 令和6・5・4年度). */
export const PAST_YEARS_ON_SHEET = 3;

function Lines(props: { cell: PublicCell | null | undefined }) {
  const cell = props.cell;
  if (!cell) return null;
  if (cell.sameAsLeft) {
    // As the seed prints it: 「同左」 alone, or 「<実施> 同左」 when the cell has a stage of its own (never one carried from the left).
    return (
      <>
        {cell.ownStage ? <p class="stage">{`<${cell.ownStage}>`}</p> : null}
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

function planHeader(fy: number, last: boolean): string {
  return `${formatEraYear(fy)}${last ? "以降" : ""}`;
}

/**
 * `images` (attachment id → data: URI or URL) prints the item's images; without it an image shows as a labelled
 * placeholder saying `missingImage`. `headingLevel` 1 when the sheet is a page of its own (the static site).
 */
export function ItemSheet(props: { sheet: ItemSheetData; headingLevel?: 1 | 3 | 4; images?: ReadonlyMap<number, string>; missingImage?: string; id?: string }) {
  const it = props.sheet.item;
  const years = planYears(props.sheet.editionYear);
  const plans = new Map(it.plans.map((p) => [p.fiscalYear, p.cell]));
  const past = it.history.slice(0, PAST_YEARS_ON_SHEET);
  const title = `(${it.number}) ${it.name}`;
  const Heading = props.headingLevel === 4 ? "h4" : props.headingLevel === 1 ? "h1" : "h3";
  const imageSrc = props.images ? (id: number) => props.images?.get(id) : undefined;
  const Rich = (p: { blocks: PublicItem["content"] }) => <RichBlocks blocks={p.blocks} imageSrc={imageSrc} missingImage={props.missingImage} />;
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
            <td colspan={4}>{it.units.join("、")}</td>
          </tr>
          <tr>
            <th scope="row">取組内容</th>
            <td colspan={4}>
              <Rich blocks={it.content} />
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
                <Lines cell={plans.get(fy)} />
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row">取組効果</th>
            <td colspan={4}>
              <Rich blocks={it.effect} />
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
          <Rich blocks={it.remarks} />
        </div>
      ) : null}
    </section>
  );
}
