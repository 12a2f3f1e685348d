/**
 * The zod schemas of the 組織 forms (units, reorganisations): each field with its Japanese name in every message.
 * Routes parse with input.ts parseInput, so a refusal is one 400 naming the field (and the line, for 新しい組織).
 * The service checks what depends on stored data (codes taken, units valid in the year, the kind's rules).
 */
import { z } from "zod";
import { TEXT_LIMITS } from "../../domain/input-limits.js";
import { fiscalYearParam, formText, idParam, parseWithin, textField } from "../input.js";

/** A unit chosen in a select: blank or absent is none (null), else its id; anything else is refused naming `label`. */
function optionalUnit(label: string) {
  return z
    .unknown()
    .optional()
    .transform((value, ctx): number | null => {
      if (value === undefined || (typeof value === "string" && value.trim() === "")) return null;
      if (typeof value !== "string") {
        ctx.addIssue({ code: "custom", message: `${label}は一つ選んでください` });
        return z.NEVER;
      }
      return parseWithin(idParam(label), value.trim(), ctx) ?? z.NEVER;
    });
}

/** Units chosen in a multiple select: their ids (blank choices left out); each malformed one is refused naming `label`. */
function unitList(label: string) {
  return z
    .unknown()
    .optional()
    .transform((value, ctx): number[] => {
      const posted = Array.isArray(value) ? value : value === undefined ? [] : [value];
      const ids: number[] = [];
      for (const one of posted) {
        if (typeof one !== "string") ctx.addIssue({ code: "custom", message: `${label}は一覧から選んでください` });
        else if (one.trim() !== "") {
          const id = parseWithin(idParam(label), one.trim(), ctx);
          if (id !== undefined) ids.push(id);
        }
      }
      return ids;
    });
}

/** A fiscal year typed as 令和8年度, R8, 2026 (1868–2200); blank or absent is null. */
function optionalYear(label: string) {
  return textField(label, 40).transform((text, ctx): number | null => (text === "" ? null : (parseWithin(fiscalYearParam(label), text, ctx) ?? z.NEVER)));
}

/** POST /units: a new unit (the service requires the code and the name and checks the code is free). */
export const NewUnitForm = z.object({
  code: textField("組織コード", TEXT_LIMITS.code),
  name: textField("組織名", TEXT_LIMITS.name),
  kind: textField("種別", 16),
  parent: optionalUnit("上位組織"),
  sector: textField("部門", 16).transform((text) => text || null),
  validFrom: optionalYear("設置年度"),
});

/** One line of 新しい組織: 「コード 名称」 separated by spaces (full-width too). */
const NEW_UNIT_LINE = /^(\S+)\s+(.+)$/;

/**
 * 新しい組織 of a reorganisation, one a line as 「コード 名称」 (blank lines skipped); each line's problem names it by
 * its line in the box (「新しい組織の2行目…」).
 */
export const newUnitLines = formText("新しい組織").transform((text, ctx) => {
  const units: { code: string; name: string; sector: null }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === "") return;
    const where = `新しい組織の${i + 1}行目`;
    const match = NEW_UNIT_LINE.exec(line);
    if (!match?.[1] || !match[2]) {
      ctx.addIssue({ code: "custom", message: `${where}「${line.slice(0, 40)}」は「コード 名称」の形で書いてください` });
      return;
    }
    const unit = parseWithin(z.object({ code: textField(`${where}のコード`, TEXT_LIMITS.code), name: textField(`${where}の名称`, TEXT_LIMITS.name) }), { code: match[1], name: match[2] }, ctx);
    if (unit) units.push({ ...unit, sector: null });
  });
  return units;
});

/** POST /units/reorganisations: 組織改正 (the service checks the kind's rules and the units' validity in the year). */
export const ReorganisationForm = z.object({
  fiscalYear: optionalYear("年度").transform((year, ctx) => {
    if (year !== null) return year;
    ctx.addIssue({ code: "custom", message: "年度を入力してください" });
    return z.NEVER;
  }),
  kind: textField("種別", 16),
  from: unitList("元の組織"),
  continuing: optionalUnit("存続する組織"),
  parent: optionalUnit("上位の組織"),
  newUnits: newUnitLines,
  newName: textField("新しい名称", TEXT_LIMITS.name),
  note: textField("備考", TEXT_LIMITS.any),
});

/** A text as textField reads it, or undefined when the form did not post it (a hidden field of what the form read). */
function postedText(label: string, max: number) {
  return z
    .unknown()
    .optional()
    .transform((value, ctx): string | undefined => (value === undefined ? undefined : (parseWithin(textField(label, max), value, ctx) ?? z.NEVER)));
}

/**
 * POST /units/:id: a unit's 連絡先 and 備考, with the values the form read (readContact / readNote, hidden): `expected`
 * holds them, so the service writes only what changed and refuses a change made meanwhile (409); neither posted:
 * `expected` null, refused by the service (400) after its role check, never a blind overwrite.
 */
export const UnitContactForm = z
  .object({ contact: textField("連絡先", TEXT_LIMITS.title), note: textField("備考", 2000), readContact: postedText("連絡先", TEXT_LIMITS.title), readNote: postedText("備考", 2000) })
  .transform(({ contact, note, readContact, readNote }) => ({
    contact,
    note,
    expected: readContact === undefined && readNote === undefined ? null : { contact: readContact ?? "", note: readNote ?? "" },
  }));

/**
 * POST /units/:id/structure: a unit's 名称, 部門 and years (blank: open), with the values the form read (read…,
 * hidden; `expected` when readName was posted, else null: refused), as UnitContactForm.
 */
export const UnitStructureForm = z
  .object({
    name: textField("組織名", TEXT_LIMITS.name),
    sector: textField("部門", 16),
    validFrom: optionalYear("設置年度"),
    validTo: optionalYear("最終年度"),
    readName: postedText("組織名", TEXT_LIMITS.name),
    readSector: textField("部門", 16),
    readValidFrom: optionalYear("設置年度"),
    readValidTo: optionalYear("最終年度"),
  })
  .transform(({ name, sector, validFrom, validTo, readName, readSector, readValidFrom, readValidTo }) => ({
    name,
    sector: sector || null,
    validFrom,
    validTo,
    expected: readName === undefined ? null : { name: readName, sector: readSector || null, validFrom: readValidFrom, validTo: readValidTo },
  }));
