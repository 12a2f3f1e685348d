/** What every 業務改革 route shares: path ids, typed years, known refusals, the stage-tag check. */
import type { Context } from "hono";
import { z } from "zod";
import { GyokakuError, isGyokakuError } from "../../../domain/errors.js";
import { unknownStageTag, unknownStageMessage } from "../../../io/reform-sheet.js";
import type { SessionContext } from "../../../services/auth.js";
import { latestEditionYear } from "../../../services/reform-views.js";
import type { AppEnv } from "../../env.js";
import { fiscalYearParam, parseInput } from "../../input.js";
import { tenantOf } from "../../request.js";

export type Ctx = Context<AppEnv>;

/** A path id: anything but a positive integer is a page that does not exist. */
export function idParam(value: string | undefined, what: string): number {
  // Plain decimal digits within the database's integer: "0x1", "1e0", "+1", " 1" and 2147483648 are no id (on
  // PostgreSQL the last one was a 500).
  const n = /^[1-9]\d{0,9}$/.test(value ?? "") ? Number(value) : NaN;
  if (!(n <= 2_147_483_647)) throw new GyokakuError("not_found", `${what}が見つかりません`);
  return n;
}


/** A fiscal year typed as 令和7年度, R7, 2025… (blank is unreadable too); a label that cannot be read is the user's input error. */
export function requiredYear(value: string, what: string): number {
  return parseInput(fiscalYearParam(what), value.trim());
}

export async function yearOrLatest(c: Ctx, session: SessionContext): Promise<number | null> {
  const asked = c.req.query("year");
  if (asked !== undefined && asked.trim() !== "") return requiredYear(asked, "年度");
  return latestEditionYear(tenantOf(c, session));
}

export function isKnown(error: unknown, ...codes: string[]): error is GyokakuError {
  return isGyokakuError(error) && codes.includes(error.code);
}

/** A stage tag typed wrong (<実施中>) would otherwise be kept as an ordinary line: refuse it, naming the field. */
export function checkStageTags(fields: { label: string; text: string }[]): void {
  for (const f of fields) {
    const bad = unknownStageTag(f.text);
    if (bad) throw new GyokakuError("invalid_input", `${f.label}: ${unknownStageMessage(bad)}`);
  }
}

/** An indicator figure as typed (「1,234」「１２.５」「-3」; blank clears it): a number, or null; the message names `label`. */
export function indicatorValueText(label: string) {
  return z
    .string()
    .optional()
    .transform((raw = "", ctx) => {
      const text = raw.normalize("NFKC").replace(/[\s,]/g, "");
      if (text === "") return null;
      if (/^-?\d+(\.\d+)?$/.test(text) && Number.isFinite(Number(text))) return Number(text);
      ctx.addIssue({ code: "custom", message: `${label}を数値として読めません: 「${raw}」` });
      return z.NEVER;
    });
}

/**
 * An indicator figure as typed, for a field whose label is known only at run time (one indicator of a round).
 * @throws GyokakuError invalid_input naming `label` when the text is not a number.
 */
export function indicatorValueInput(raw: string, label: string): number | null {
  return parseInput(indicatorValueText(label), raw);
}
