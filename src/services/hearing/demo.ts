/**
 * The demo city's illustrative hearing round (例示): 令和8年度に向けたヒアリング for two departments, 企画部 (forms
 * submitted and heard) and 総務部 (still drafting). The seed names the forms but publishes none, so every figure here is
 * invented for the demonstration, and the title carries 例示 so every page showing it says so (routes/hearing/illustrative.ts).
 */
import type { Form1, Form2, Form3 } from "../../domain/hearing-forms.js";
import type { Actor } from "../../domain/roles.js";
import { departmentForms, saveForm, stepForm, type SaveFormDb } from "./forms.js";
import { openRound, setSlot } from "./rounds.js";

/** The fiscal year the demo round prepares (held in summer 2025, the year of the seed's edition). */
export const DEMO_ROUND_TARGET_YEAR = 2026;
export const DEMO_ROUND_TITLE = "令和8年度に向けたヒアリング(例示)";

/** Loads the illustrative round once; returns what was added (for the demo's audit summary), or [] when it exists. */
export async function loadHearingDemo(tx: SaveFormDb, actor: Actor): Promise<string[]> {
  if (await tx.hearingRounds.getByYear(DEMO_ROUND_TARGET_YEAR)) return [];
  const kikaku = await tx.units.getByCode("110");
  const somu = await tx.units.getByCode("120");
  if (!kikaku || !somu) return [];
  const roundId = await openRound(tx, actor, { targetYear: DEMO_ROUND_TARGET_YEAR, dueDate: "2025-07-31", title: DEMO_ROUND_TITLE, departmentIds: [kikaku.id, somu.id] });
  await setSlot(tx, actor, { roundId, unitId: kikaku.id, date: "2025-08-05", time: "10:00", place: "第1委員会室" });
  await setSlot(tx, actor, { roundId, unitId: somu.id, date: "2025-08-06", time: "13:30", place: "第1委員会室" });

  // 企画部: all three forms filled in, submitted and heard; the secretariat has not decided yet.
  const k = await departmentForms(tx, actor, roundId, kikaku.id);
  const k1 = k.forms.find((f) => f.form === 1);
  const k2 = k.forms.find((f) => f.form === 2);
  const k3 = k.forms.find((f) => f.form === 3);
  if (!k1 || !k2 || !k3) return [];
  const form1: Form1 = {
    ...(k1.content as Form1),
    issues: "(例示) 行政手続のオンライン化と基幹系システムの標準化が同時期に進み、企画部の事務量が一時的に増えています。",
    priorities: "(例示) 標準準拠システムへの移行(令和7年度末)と、AI・RPAによる定型業務の削減。",
    workloads: [{ id: "W1", work: "オンライン申請の受付(件)", unitId: kikaku.id, previousCount: 8200, currentCount: 11500, note: "(例示)" }],
    ict: [{ id: "I1", kind: "RPA", description: "(例示) 各種統計調査の集計をRPAで自動化", reformKey: "chitose-r7-03", startYear: 2026 }],
    outsourcing: [],
    requests: [{ id: "R1", text: "(例示) 標準化対応の期間中、任期付職員1名の配置を要望します。" }],
  };
  const form2: Form2 = { changes: [] };
  const k3content = k3.content as Form3;
  const form3: Form3 = {
    lines: k3content.lines.map((line, i) =>
      i === 0
        ? { ...line, years: [{ increase: 1, decrease: 1 }, { increase: 0, decrease: 0 }, { increase: 0, decrease: 0 }], increaseReason: "(例示) 標準化・DX推進の事務量増", decreaseReason: "(例示) RPAによる統計集計の自動化", driver: "ict" as const }
        : line,
    ),
  };
  const saved1 = await saveForm(tx, actor, { roundId, unitId: kikaku.id, form: 1, version: k1.version, content: form1 });
  const saved2 = await saveForm(tx, actor, { roundId, unitId: kikaku.id, form: 2, version: k2.version, content: form2 });
  const saved3 = await saveForm(tx, actor, { roundId, unitId: kikaku.id, form: 3, version: k3.version, content: form3 });
  for (const saved of [saved1, saved2, saved3]) {
    const submitted = await stepForm(tx, actor, { roundId, unitId: kikaku.id, form: saved.form, version: saved.version, action: "submit" });
    await stepForm(tx, actor, { roundId, unitId: kikaku.id, form: saved.form, version: submitted.version, action: "hear", heardOn: "2025-08-05", notes: "(例示) 要望の背景を聴取" });
  }

  // 総務部: 様式1 drafted, not yet submitted.
  const s = await departmentForms(tx, actor, roundId, somu.id);
  const s1 = s.forms.find((f) => f.form === 1);
  if (s1) {
    await saveForm(tx, actor, {
      roundId,
      unitId: somu.id,
      form: 1,
      version: s1.version,
      content: { ...(s1.content as Form1), issues: "(例示) 定年引上げ期の採用平準化と、会計年度任用職員の制度運用の見直し。", priorities: "(例示) 人事給与システムの標準化対応。" },
    });
  }
  return [DEMO_ROUND_TITLE];
}
