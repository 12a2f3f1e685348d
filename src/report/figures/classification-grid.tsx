/** 図表7 類似団体区分の判定: the 16 types of 一般市 (or 15 of 町村), the municipality's own cell marked. */
import { parseGroupKey } from "../../domain/comparison.js";
import { FigureCaption } from "./common.js";

const ROMAN = ["I", "II", "III", "IV", "V"];
const CITY_BANDS = ["0以上～50,000未満", "50,000以上～100,000未満", "100,000以上～150,000未満", "150,000以上～"];
const TOWN_BANDS = ["0以上～5,000未満", "5,000以上～10,000未満", "10,000以上～15,000未満", "15,000以上～20,000未満", "20,000以上～"];

export const CLASSIFICATION_CAPTION = "類似団体区分の判定";

/**
 * `groupKey` ("city:II-3") decides which grid is drawn and which cell is marked; a municipality in a single group
 * (指定都市, 中核市 …) or without a group gets the 一般市 grid with nothing marked.
 */
export function ClassificationGridFigure(props: { number: number; groupKey: string | null; name: string; id?: string }) {
  let own: string | null = null;
  let town = false;
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
            <th scope="row">{band}</th>
            {digits.map((d) => {
              const code = `${ROMAN[i]}-${d}`;
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
