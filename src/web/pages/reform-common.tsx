import { formatEraYear, formatFiscalYear } from "../../domain/era.js";
import { type Block, blocksToText, type PlanCell, planCellToText, type Stage, UPDATE_STATUS_LABELS, type UpdateStatus } from "../../domain/reform.js";
import { type Actor, canAdminister, canVerify } from "../../domain/roles.js";
import { SubNav } from "./components.js";
import { RichBlocks } from "../../report/figures/rich-blocks.js";

/** The pages of the 業務改革 area, with the current one marked. */
export function ReformNav(props: { current: string; actor: Actor }) {
  const pages = [
    { path: "/reform", label: "概要(重点推進項目)" },
    { path: "/reform/updates", label: "担当の更新依頼" },
    ...(canAdminister(props.actor) || canVerify(props.actor) ? [{ path: "/reform/rounds", label: "更新依頼の管理" }] : []),
    { path: "/reform/verification", label: "推進本部の検証" },
    { path: "/reform/subcommittees", label: "専門部会(図表2・3)" },
    { path: "/reform/indicators", label: "指標(KPI)" },
    ...(canAdminister(props.actor) ? [{ path: "/reform/import", label: "取込・書出し" }] : []),
  ];
  return <SubNav label="業務改革のページ" pages={pages} current={props.current} />;
}

/** A plan column's header: 令和7年度, the last one 令和10年度以降, with the Gregorian year. */
export function planColumnHeader(fy: number, last: boolean): string {
  return `${formatEraYear(fy)}${last ? "以降" : ""}`;
}

export function PlanYearHead(props: { year: number; last: boolean }) {
  return (
    <>
      {planColumnHeader(props.year, props.last)}
      <br />
      <small>({props.year}年度{props.last ? "～" : ""})</small>
    </>
  );
}

/** <継続実施> as the seed prints it. */
export function StageTag(props: { stage: Stage | null | undefined }) {
  return props.stage ? <span class={`stage stage-${props.stage}`}>{`<${props.stage}>`}</span> : null;
}

/** A cell's lines: 【…】 lines as small headings, <…> lines as notes, the rest as 「・」 bullets. */
export function CellLines(props: { lines: readonly string[] }) {
  const groups: { kind: "heading" | "note" | "list"; lines: string[] }[] = [];
  for (const line of props.lines) {
    const kind = line.startsWith("【") ? "heading" : line.startsWith("<") || line.startsWith("＜") ? "note" : "list";
    const last = groups[groups.length - 1];
    if (kind === "list" && last?.kind === "list") last.lines.push(line);
    else groups.push({ kind, lines: [line] });
  }
  return (
    <>
      {groups.map((g) =>
        g.kind === "list" ? (
          <ul class="bullets">
            {g.lines.map((l) => (
              <li>{l}</li>
            ))}
          </ul>
        ) : (
          <p class={g.kind === "heading" ? "cell-heading" : "cell-note"}>{g.lines[0]}</p>
        ),
      )}
    </>
  );
}

/** A plan or result cell; no cell shows nothing (a blank, never "なし"). */
export function CellView(props: { cell: PlanCell | undefined | null }) {
  const cell = props.cell;
  if (!cell) return null;
  return (
    <>
      {cell.stage ? (
        <p class="cell-stage">
          <StageTag stage={cell.stage} />
        </p>
      ) : null}
      <CellLines lines={cell.lines} />
    </>
  );
}

/**
 * A plan column of the sheet. 同左 is shown as the seed prints it — the word 同左 — and is a link to the column
 * on its left; what it stands for is in the link's title and in a small note that opens without script.
 */
export function PlanCellView(props: { cell: PlanCell | undefined; resolved: PlanCell | undefined; leftYear: number }) {
  const { cell, resolved } = props;
  if (!cell?.sameAsLeft) return <CellView cell={cell} />;
  const meaning = resolved ? planCellToText({ ...resolved, sameAsLeft: false }) : "";
  return (
    <>
      {cell.stage ? (
        <p class="cell-stage">
          <StageTag stage={cell.stage} />
        </p>
      ) : null}
      <p class="same-as-left">
        <a href={`#plan-${props.leftYear}`} title={`左の列(${formatEraYear(props.leftYear)})と同じ: ${meaning.replace(/\n/g, " ")}`}>
          同左
        </a>
      </p>
      {resolved && resolved.lines.length > 0 ? (
        <details class="resolved">
          <summary>内容({formatEraYear(props.leftYear)}と同じ)</summary>
          <CellView cell={{ stage: null, lines: resolved.lines }} />
        </details>
      ) : null}
    </>
  );
}

/** Rich text blocks (report/figures/rich-blocks.tsx); images come from the item's attachments. */
export function Blocks(props: { blocks: readonly Block[] }) {
  return <RichBlocks blocks={props.blocks} imageSrc={attachmentUrl} tableClass="data" />;
}

const attachmentUrl = (id: number) => `/reform/attachments/${id}`;

function isCell(value: unknown): value is PlanCell {
  return typeof value === "object" && value !== null && "lines" in value && Array.isArray((value as { lines: unknown }).lines);
}

function isBlockList(value: unknown): value is Block[] {
  return Array.isArray(value) && value.every((v) => typeof v === "object" && v !== null && "type" in v);
}

/** A revision's before/after value as text: cells and blocks in the same markup the edit form uses. */
export function revisionValueText(value: unknown): string {
  if (value === null || value === undefined) return "(なし)";
  if (typeof value === "string") return value === "" ? "(空欄)" : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (isCell(value)) return planCellToText(value) || "(空欄)";
  if (isBlockList(value)) return value.length === 0 ? "(空欄)" : blocksToText(value);
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value.join("、") || "(空欄)";
  return JSON.stringify(value);
}

const STATUS_BADGE: Record<UpdateStatus, string> = {
  not_started: "badge",
  draft: "badge todo",
  submitted: "badge info",
  returned: "badge ng",
  approved: "badge ok",
};

export function StatusBadge(props: { status: UpdateStatus }) {
  return <span class={STATUS_BADGE[props.status]}>{UPDATE_STATUS_LABELS[props.status]}</span>;
}

export function StateBadge(props: { state: string }) {
  return <span class={`badge state state-${props.state === "完了" ? "done" : props.state === "新規" ? "new" : "cont"}`}>{props.state}</span>;
}

/** Both sides of a refused save, field by field: what is stored now and what this person typed. */
export function ConflictPanel(props: { message: string; theirsCaption: string; rows: { label: string; theirs: string; mine: string }[] }) {
  return (
    <section class="conflict" aria-labelledby="conflict-title">
      <div class="alert error" role="alert">
        <p id="conflict-title">
          <strong>保存できませんでした(同時に編集されました)</strong>
        </p>
        <p>{props.message}</p>
        <p>あなたの入力は下のフォームに残っています。最新の内容と見比べ、必要なら直してからもう一度保存してください。</p>
      </div>
      {props.rows.length > 0 ? (
        <div class="table-scroll">
          <table class="data conflict-table">
            <caption>内容が異なる項目</caption>
            <thead>
              <tr>
                <th scope="col">項目</th>
                <th scope="col">{props.theirsCaption}</th>
                <th scope="col">あなたの入力</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr>
                  <th scope="row">{r.label}</th>
                  <td class="theirs">
                    <pre>{r.theirs}</pre>
                  </td>
                  <td class="mine">
                    <pre>{r.mine}</pre>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

export function yearLabel(fy: number): string {
  return formatFiscalYear(fy);
}
