/** 図表7 類似団体区分の判定: the types of 一般市 (or 町村) in the year's 類型表, the municipality's own cell marked. */
import { parseGroupKey } from "../../domain/comparison.js";
import { isInvalidInput } from "../../domain/errors.js";
import { kindSchemeForYear, type SchemeGrid, type SchemeGridGroup, schemeGrid } from "../../domain/similar-group-schemes.js";
import { FigureCaption } from "./common.js";

export const CLASSIFICATION_CAPTION = "類似団体区分の判定";

/**
 * `groupKey` ("city:II-3") decides which grid is drawn and which cell is marked; a municipality in a single group
 * (指定都市, 中核市 …) gets the 一般市 grid with nothing marked; one not yet classified (no population or census data)
 * gets the grid of its kind by its name (a 町 or 村 the 町村 grid), nothing marked. The grid is the 類型表 of
 * `fiscalYear` (the year classified; the current table when absent), its labels from domain/similar-group-schemes.ts;
 * a year whose table is not registered prints that sentence instead of a grid.
 */
export function ClassificationGridFigure(props: { number: number; groupKey: string | null; name: string; fiscalYear?: number | null; id?: string }) {
  let own: string | null = null;
  let town = /[町村]$/.test(props.name);
  if (props.groupKey) {
    try {
      const group = parseGroupKey(props.groupKey, props.fiscalYear);
      own = group.code;
      town = group.kind === "town";
    } catch {
      own = null;
    }
  }
  const id = props.id ?? "zuhyo-classification";
  let layout: SchemeGrid;
  try {
    layout = schemeGrid(kindSchemeForYear(town ? "town" : "city", props.fiscalYear).table);
  } catch (error) {
    if (!isInvalidInput(error)) throw error;
    return (
      <table class="figure-table zuhyo7" id={id}>
        <FigureCaption number={props.number} text={CLASSIFICATION_CAPTION} />
        <tbody>
          <tr>
            <td>{error instanceof Error ? error.message : ""}</td>
          </tr>
        </tbody>
      </table>
    );
  }
  const twoRows = layout.groups.some((g) => g.columns.some((c) => c.tertiary !== null));
  const single = (g: SchemeGridGroup) => g.columns.length === 1 && g.columns[0]?.tertiary === null;
  return (
    <table class="figure-table zuhyo7" id={id}>
      <FigureCaption number={props.number} text={`${CLASSIFICATION_CAPTION}(${town ? "町村" : "一般市"} ${layout.typeCount}類型)`} />
      <thead>
        <tr>
          <td colspan={2} rowspan={twoRows ? 2 : 1}></td>
          {layout.groups.map((g, i) =>
            single(g) ? (
              <th scope="col" rowspan={twoRows ? 2 : 1}>
                {i === 0 ? `産業構造 ${g.industrial}` : g.industrial}
              </th>
            ) : (
              <th scope="colgroup" colspan={g.columns.length}>
                {i === 0 ? `産業構造 ${g.industrial}` : g.industrial}
              </th>
            ),
          )}
        </tr>
        {twoRows ? <tr>{layout.groups.flatMap((g) => (single(g) ? [] : g.columns.map((c) => <th scope="col">{c.tertiary ?? ""}</th>)))}</tr> : null}
      </thead>
      <tbody>
        {layout.rows.map((band, i) => (
          <tr>
            {i === 0 ? (
              <th scope="rowgroup" rowspan={layout.rows.length}>
                人口
              </th>
            ) : null}
            <th scope="row">{band.label}</th>
            {layout.groups.flatMap((g) =>
              g.columns.map((col) => {
                const code = `${band.roman}-${col.digit}`;
                return own === code ? (
                  <td class="type own">
                    <strong>{code}</strong>
                    <br />
                    <span class="own-mark">◎{props.name}</span>
                  </td>
                ) : (
                  <td class="type">{code}</td>
                );
              }),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
