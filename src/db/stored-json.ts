/**
 * JSON kept in text columns (steps_json, params_json, …) read back through a zod schema, so a row written by an
 * older version or edited by hand fails with a clear message naming the table and row instead of flowing on as
 * a wrongly typed value.
 */
import { z } from "zod";
import { GyokakuError } from "../domain/errors.js";

/**
 * Parses `text` as JSON and checks it against `schema`.
 * @param where the table, column and row in Japanese-readable form, e.g. 「retirement_schedules.steps_json (general)」.
 * @throws GyokakuError stored_data_invalid when the text is not JSON or does not have the expected shape.
 */
export function readStoredJson<S extends z.ZodType>(schema: S, text: string, where: string): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new GyokakuError("stored_data_invalid", `保存されているデータが読めません (JSONではありません): ${where}`);
  }
  const result = schema.safeParse(value);
  if (!result.success) throw new GyokakuError("stored_data_invalid", `保存されているデータの形が正しくありません: ${where}`);
  return result.data;
}

const UnitIds = z.array(z.number().int());

/** reorg_events.from_unit_ids / to_unit_ids: the unit ids of a reorganisation. @throws GyokakuError stored_data_invalid */
export function storedUnitIds(json: string, where: string): number[] {
  return readStoredJson(UnitIds, json, where);
}
