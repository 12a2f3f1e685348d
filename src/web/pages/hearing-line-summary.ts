/**
 * What each decidable line of a hearing form asks for, in one line of Japanese, shown beside 「人員計画 1行目」 in the
 * decision table so the secretariat decides knowing the line (組織・職種・任用区分 and the change; the 組織改正; the 要望).
 */
import { formatFiscalYear } from "../../domain/era.js";
import type { FormNumber } from "../../domain/hearing.js";
import { EMPLOYMENT_LABELS, type Form1, type Form2, type Form3, type FormContent, ORG_CHANGE_LABELS } from "../../domain/hearing-forms.js";

const cut = (text: string, max = 60) => ([...text].length > max ? `${[...text].slice(0, max).join("")}…` : text);

/**
 * Line id → summary for the form's decidable lines (the same lines as requestLines). `nameOf` gives a unit's name
 * (any unit of the municipality); `targetYear` is the round's fiscal year, the year a 様式3 decision is for.
 */
export function requestLineSummaries(form: FormNumber, content: FormContent[FormNumber], nameOf: (id: number) => string, targetYear: number): Map<string, string> {
  if (form === 1) return new Map((content as Form1).requests.map((r) => [r.id, cut(r.text)]));
  if (form === 2) {
    return new Map(
      (content as Form2).changes.map((c) => {
        const units = c.unitIds.map(nameOf).join("、") || "—";
        const to = c.kind === "transfer" ? (c.newParentId === null ? "—" : nameOf(c.newParentId)) : c.newNames.join("、") || "—";
        return [c.id, cut(`${ORG_CHANGE_LABELS[c.kind]} ${c.effectiveDate}: ${units} → ${to}`)];
      }),
    );
  }
  return new Map(
    (content as Form3).lines.map((l) => {
      const first = l.years[0] ?? { increase: 0, decrease: 0 };
      const change = `${formatFiscalYear(targetYear)} 増${first.increase}・減${first.decrease}`;
      return [l.id, cut(`${nameOf(l.unitId)}・${l.category}・${EMPLOYMENT_LABELS[l.employment]} (現員${l.current}、${change})`, 80)];
    }),
  );
}
