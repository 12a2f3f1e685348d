/**
 * The headcount entry form's script (/assets/headcount-entry.js): updates the 部 totals, 一般職(合計),
 * 一般職(定数合計) and the cap check as the clerk types. No framework, same origin (CSP script-src 'self'), and only
 * an enhancement: the form computes the same totals on the server without it (「合計を再計算」).
 *
 * The rule is not written again here: the script is assembled from the source text of computeEntryTotals and of the
 * rule functions it is given (domain/entry-totals.ts), so the browser runs the functions the server runs. Only the
 * reading of the form and the writing of the results are this file's own (DOM contract: pages/staffing-edit.tsx).
 */
import { computeEntryTotals } from "../domain/entry-totals.js";
import { quotaCountOf } from "../domain/headcount.js";
import { COMPLIANCE_LABELS, complianceStatus } from "../domain/quota.js";
import { rollUpStaff } from "../domain/roll-up.js";
import { leaveRecorded } from "../domain/staffing.js";

/** Reads the form and writes the totals; plain browser JavaScript (kept as text: the tests compile without the DOM library). */
const GLUE = String.raw`
const table = document.getElementById("headcount-grid");
const panel = document.getElementById("entry-totals");
if (table && panel) {
  const rows = Array.from(table.querySelectorAll("tbody tr[data-unit-id]"));
  const model = {
    fiscalYear: Number(table.dataset.fiscalYear),
    quotaSum: Number(table.dataset.quotaSum),
    cap: Number(table.dataset.cap),
    units: rows.map((tr) => ({ id: Number(tr.dataset.unitId), parentId: tr.dataset.parentId ? Number(tr.dataset.parentId) : null, topGeneral: tr.dataset.topGeneral === "1" })),
  };
  const number = new Intl.NumberFormat("ja-JP");
  const show = (v) => (v === null || v === undefined ? "" : number.format(v));
  const signed = (v) => (v > 0 ? "+" + number.format(v) : number.format(v));
  // As domain/typed-count.ts parseTypedCount reads a count: full-width digits, separators and 人 allowed; blank = not recorded.
  const read = (text) => {
    const t = text.normalize("NFKC").replace(/[\s,人]/g, "");
    if (t === "") return undefined;
    return /^\d+$/.test(t) && Number(t) <= 2147483647 ? Number(t) : NaN;
  };
  const set = (selector, text) => {
    for (const el of document.querySelectorAll(selector)) if (el.textContent !== text) el.textContent = text;
  };
  const update = () => {
    const counts = {};
    let unreadable = false;
    for (const tr of rows) {
      const own = {};
      if (tr.dataset.ownStaff !== undefined) own.staff = Number(tr.dataset.ownStaff);
      for (const input of tr.querySelectorAll("input.count")) {
        const value = read(input.value);
        if (Number.isNaN(value)) unreadable = true;
        else if (value !== undefined) own[input.name.split(".")[2]] = value;
      }
      counts[Number(tr.dataset.unitId)] = own;
    }
    const totals = computeEntryTotals(rules, model, counts);
    for (const tr of rows) {
      const id = tr.dataset.unitId;
      const t = totals.units[Number(id)];
      set('[data-derived-total="' + id + '"]', show(t.staff));
      set('[data-difference-for="' + id + '"]', t.difference === null || t.source === "children" && t.difference === 0 ? "" : "下位組織の合計との差 " + signed(t.difference));
    }
    set('[data-total="general"]', show(totals.generalTotal));
    set('[data-total="quota"]', totals.quotaTotal === null ? "(休職・休業または育児休業代替の入力後に計算)" : show(totals.quotaTotal));
    set('[data-total="status"]', totals.status === null ? "" : labels[totals.status]);
    set('[data-total="over-cap"]', totals.quotaTotal === null ? "" : signed(totals.quotaTotal - totals.cap));
    panel.dataset.status = totals.status ?? "";
    set('[data-total="unreadable"]', unreadable ? "数値として読めない欄があります(その欄は合計に含めていません)" : "");
    panel.dataset.live = "1";
  };
  table.addEventListener("input", update);
  update();
}
`;

/**
 * The rule part of the script: `rules`, `computeEntryTotals` and `labels`, from the functions' own source text.
 * Exported so a test can run exactly this text against the server's results.
 */
export const ENTRY_CORE_JS = `const rules = {
  rollUpStaff: ${rollUpStaff.toString()},
  quotaCountOf: ${quotaCountOf.toString()},
  complianceStatus: ${complianceStatus.toString()},
  leaveRecorded: ${leaveRecorded.toString()},
};
const computeEntryTotals = ${computeEntryTotals.toString()};
const labels = ${JSON.stringify(COMPLIANCE_LABELS)};
`;

/** The served script: the rule part, then the glue. */
export const HEADCOUNT_ENTRY_JS = `"use strict";
(() => {
${ENTRY_CORE_JS}
${GLUE}
})();
`;
