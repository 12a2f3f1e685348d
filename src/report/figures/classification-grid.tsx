/** 図表7 類似団体区分の判定: the 16 types of 一般市 (or 15 of 町村), the municipality's own cell marked. */
import { parseGroupKey } from "../../domain/comparison.js";
import { CURRENT_SIMILAR_GROUP_SCHEME, type PopulationBand } from "../../domain/similar-group-schemes.js";
import { FigureCaption } from "./common.js";

// The grid draws today's 類型表 (the seed's 図表7); band labels come from the scheme data, never a second copy.
const CURRENT = CURRENT_SIMILAR_GROUP_SCHEME;
const bandLabel = (b: PopulationBand) => `${b.min.toLocaleString("ja-JP")}以上～${b.below === null ? "" : `${b.below.toLocaleString("ja-JP")}未満`}`;
const CITY_BANDS = CURRENT.city.bands;
const TOWN_BANDS = CURRENT.town.bands;

export const CLASSIFICATION_CAPTION = "類似団体区分の判定";

/**
 * `groupKey` ("city:II-3") decides which grid is drawn and which cell is marked; a municipality in a single group
 * (指定都市, 中核市 …) gets the 一般市 grid with nothing marked; one not yet classified (no population or census data)
 * gets the grid of its kind by its name (a 町 or 村 the 町村 grid), nothing marked.
 */
export function ClassificationGridFigure(props: { number: number; groupKey: string | null; name: string; id?: string }) {
  let own: string | null = null;
  let town = /[町村]$/.test(props.name);
  if (props.groupKey) {
    try {
      const group = parseGroupKey(props.groupKey);
      own = group.code;
      town = group.kind === "town";
    } catch {
      own = null;
    }
  }
  const digits = town ? [2, 1, 0] : [3, 2, 1, 0];
  const bands = town ? TOWN_BANDS : CITY_BANDS;
  return (
    <table class="figure-table zuhyo7" id={props.id ?? "zuhyo-classification"}>
      <FigureCaption number={props.number} text={`${CLASSIFICATION_CAPTION}(${town ? "町村 15類型" : "一般市 16類型"})`} />
      <thead>
        {town ? (
          <>
            <tr>
              <td colspan={2} rowspan={2}></td>
              <th scope="colgroup" colspan={2}>
                産業構造 2次, 3次80%以上
              </th>
              <th scope="col" rowspan={2}>
                2次, 3次80%未満
              </th>
            </tr>
            <tr>
              <th scope="col">3次60%以上</th>
              <th scope="col">3次60%未満</th>
            </tr>
          </>
        ) : (
          <>
            <tr>
              <td colspan={2} rowspan={2}></td>
              <th scope="colgroup" colspan={2}>
                産業構造 2次, 3次90%以上
              </th>
              <th scope="colgroup" colspan={2}>
                2次, 3次90%未満
              </th>
            </tr>
            <tr>
              <th scope="col">3次65%以上</th>
              <th scope="col">3次65%未満</th>
              <th scope="col">3次55%以上</th>
              <th scope="col">3次55%未満</th>
            </tr>
          </>
        )}
      </thead>
      <tbody>
        {bands.map((band, i) => (
          <tr>
            {i === 0 ? (
              <th scope="rowgroup" rowspan={bands.length}>
                人口
              </th>
            ) : null}
            <th scope="row">{bandLabel(band)}</th>
            {digits.map((d) => {
              const code = `${band.roman}-${d}`;
              const mine = own === code;
              return mine ? (
                <td class="type own">
                  <strong>{code}</strong>
                  <br />
                  <span class="own-mark">◎{props.name}</span>
                </td>
              ) : (
                <td class="type">{code}</td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
