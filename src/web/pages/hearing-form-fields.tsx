/** The editable tables of 様式1–3 (inputs are disabled when the form cannot be edited, so one rendering serves both). */
import { formatFiscalYear } from "../../domain/era.js";
import {
  DRIVER_LABELS,
  DRIVERS,
  EMPLOYMENT_LABELS,
  EMPLOYMENTS,
  type Form1,
  type Form2,
  type Form3,
  ICT_KINDS,
  ORG_CHANGE_KINDS,
  ORG_CHANGE_LABELS,
  OUTSOURCING_KINDS,
  noUnitsExplanation,
  PLAN_YEARS,
  requestedHeadcountsShown,
  yearOnYearShown,
} from "../../domain/hearing-forms.js";
import { effectiveDateRange } from "../../domain/hearing-checks.js";
import { heldYearOf } from "../../domain/hearing.js";
import type { PlanningUnit, ReformLink } from "../../services/hearing/context.js";

const BLANK_ROWS = 3;

interface Ctx {
  disabled: boolean;
  units: PlanningUnit[];
  reformLinks: ReformLink[];
  departmentName: string;
  targetYear: number;
}

/** Said where a unit must be chosen and the department offers none (why, and what to do). */
function NoUnits(props: { ctx: Ctx }) {
  return props.ctx.units.length === 0 ? (
    <p class="alert warning" data-no-units="true">
      {noUnitsExplanation(props.ctx.departmentName, heldYearOf(props.ctx.targetYear))}
    </p>
  ) : null;
}

function Text(props: { name: string; value: string | number | null | undefined; label: string; disabled: boolean; size?: number }) {
  return <input type="text" name={props.name} value={props.value === null || props.value === undefined ? "" : String(props.value)} aria-label={props.label} disabled={props.disabled} size={props.size} />;
}

function Select(props: { name: string; value: string; label: string; disabled: boolean; options: { value: string; label: string }[]; blank?: boolean }) {
  return (
    <select name={props.name} aria-label={props.label} disabled={props.disabled}>
      {props.blank ? <option value="">—</option> : null}
      {props.options.map((o) => (
        <option value={o.value} selected={o.value === props.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

/** The reform items to link to; a stored key no longer among them stays selectable, marked, so a save never loses it silently. */
function reformOptions(links: ReformLink[], current: string | null) {
  const options = links.map((l) => ({ value: l.key, label: l.label }));
  if (current !== null && !links.some((l) => l.key === current)) options.push({ value: current, label: `${current} (業務改革にありません)` });
  return options;
}

function unitOptions(units: PlanningUnit[]) {
  return units.map((u) => ({ value: String(u.id), label: `${"　".repeat(u.depth)}${u.name}` }));
}

function padded<T>(list: T[], disabled: boolean): (T | undefined)[] {
  return [...list, ...(disabled ? [] : Array.from({ length: BLANK_ROWS }, () => undefined))];
}

function Count(props: { section: string; n: number }) {
  return <input type="hidden" name={`${props.section}.count`} value={String(props.n)} />;
}

export function Form1Fields(props: { content: Form1; ctx: Ctx }) {
  const { content: c, ctx } = props;
  const d = ctx.disabled;
  const workloads = padded(c.workloads, d);
  const ict = padded(c.ict, d);
  const outsourcing = padded(c.outsourcing, d);
  const requests = padded(c.requests, d);
  const unitRows = ctx.units.map((u) => ({ unit: u, row: c.units.find((x) => x.unitId === u.id) }));
  return (
    <>
      <label>
        現状と課題
        <textarea name="issues" rows={5} disabled={d}>
          {c.issues}
        </textarea>
      </label>
      <label>
        重点的な取組
        <textarea name="priorities" rows={4} disabled={d}>
          {c.priorities}
        </textarea>
      </label>
      <NoUnits ctx={ctx} />
      <h3>業務量の変化</h3>
      <Count section="workloads" n={workloads.length} />
      <table class="data" id="workloads">
        <thead>
          <tr>
            <th scope="col">業務名</th>
            <th scope="col">担当組織</th>
            <th scope="col">前年度件数</th>
            <th scope="col">今年度件数(見込)</th>
            <th scope="col">前年比</th>
            <th scope="col">備考</th>
          </tr>
        </thead>
        <tbody>
          {workloads.map((w, i) => {
            const ratio = w ? yearOnYearShown(w.previousCount, w.currentCount) : null;
            return (
              <tr>
                <td>
                  <input type="hidden" name={`workloads.${i}.id`} value={w?.id ?? ""} />
                  <Text name={`workloads.${i}.work`} value={w?.work} label={`業務名 ${i + 1}行目`} disabled={d} />
                </td>
                <td>
                  <Select name={`workloads.${i}.unitId`} value={String(w?.unitId ?? "")} label={`担当組織 ${i + 1}行目`} disabled={d} options={unitOptions(ctx.units)} blank />
                </td>
                <td class="num">
                  <Text name={`workloads.${i}.previousCount`} value={w?.previousCount} label={`前年度件数 ${i + 1}行目`} disabled={d} size={8} />
                </td>
                <td class="num">
                  <Text name={`workloads.${i}.currentCount`} value={w?.currentCount} label={`今年度件数 ${i + 1}行目`} disabled={d} size={8} />
                </td>
                <td class="num">{ratio === null ? "—" : `${ratio.toFixed(1)}%`}</td>
                <td>
                  <Text name={`workloads.${i}.note`} value={w?.note} label={`備考 ${i + 1}行目`} disabled={d} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h3>ICT活用 (RPA・AI・システム)</h3>
      <Count section="ict" n={ict.length} />
      <table class="data" id="ict">
        <thead>
          <tr>
            <th scope="col">種類</th>
            <th scope="col">内容</th>
            <th scope="col">関連する重点推進項目</th>
            <th scope="col">実施年度</th>
          </tr>
        </thead>
        <tbody>
          {ict.map((x, i) => (
            <tr>
              <td>
                <input type="hidden" name={`ict.${i}.id`} value={x?.id ?? ""} />
                <Select name={`ict.${i}.kind`} value={x?.kind ?? "RPA"} label={`ICTの種類 ${i + 1}行目`} disabled={d} options={ICT_KINDS.map((k) => ({ value: k, label: k }))} />
              </td>
              <td>
                <Text name={`ict.${i}.description`} value={x?.description} label={`ICT活用の内容 ${i + 1}行目`} disabled={d} />
              </td>
              <td>
                <Select name={`ict.${i}.reformKey`} value={x?.reformKey ?? ""} label={`関連する重点推進項目 ${i + 1}行目`} disabled={d} blank options={reformOptions(ctx.reformLinks, x?.reformKey ?? null)} />
              </td>
              <td>
                <Text name={`ict.${i}.startYear`} value={x?.startYear} label={`ICT活用の実施年度 ${i + 1}行目`} disabled={d} size={6} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>民間委託・指定管理・PFI</h3>
      <Count section="outsourcing" n={outsourcing.length} />
      <table class="data" id="outsourcing">
        <thead>
          <tr>
            <th scope="col">種類</th>
            <th scope="col">対象業務</th>
            <th scope="col">内容</th>
            <th scope="col">実施年度</th>
          </tr>
        </thead>
        <tbody>
          {outsourcing.map((x, i) => (
            <tr>
              <td>
                <input type="hidden" name={`outsourcing.${i}.id`} value={x?.id ?? ""} />
                <Select name={`outsourcing.${i}.kind`} value={x?.kind ?? "民間委託"} label={`委託等の種類 ${i + 1}行目`} disabled={d} options={OUTSOURCING_KINDS.map((k) => ({ value: k, label: k }))} />
              </td>
              <td>
                <Text name={`outsourcing.${i}.work`} value={x?.work} label={`委託等の対象業務 ${i + 1}行目`} disabled={d} />
              </td>
              <td>
                <Text name={`outsourcing.${i}.description`} value={x?.description} label={`委託等の内容 ${i + 1}行目`} disabled={d} />
              </td>
              <td>
                <Text name={`outsourcing.${i}.startYear`} value={x?.startYear} label={`委託等の実施年度 ${i + 1}行目`} disabled={d} size={6} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>時間外勤務・欠員 (組織別)</h3>
      <Count section="units" n={unitRows.length} />
      <table class="data" id="overtime">
        <thead>
          <tr>
            <th scope="col">組織</th>
            <th scope="col">時間外勤務時間(年間)</th>
            <th scope="col">欠員数</th>
          </tr>
        </thead>
        <tbody>
          {unitRows.map(({ unit, row }, i) => (
            <tr data-unit={unit.id}>
              <th scope="row">
                <input type="hidden" name={`units.${i}.unitId`} value={String(unit.id)} />
                {unit.name}
              </th>
              <td class="num">
                <Text name={`units.${i}.overtimeHours`} value={row?.overtimeHours} label={`${unit.name}の時間外勤務時間`} disabled={d} size={8} />
              </td>
              <td class="num">
                <Text name={`units.${i}.vacancies`} value={row?.vacancies} label={`${unit.name}の欠員数`} disabled={d} size={4} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>行政管理課への要望</h3>
      <Count section="requests" n={requests.length} />
      <table class="data" id="requests">
        <tbody>
          {requests.map((x, i) => (
            <tr>
              <td>
                <input type="hidden" name={`requests.${i}.id`} value={x?.id ?? ""} />
                <Text name={`requests.${i}.text`} value={x?.text} label={`要望内容 ${i + 1}行目`} disabled={d} size={80} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function Form2Fields(props: { content: Form2; ctx: Ctx; allUnits: { id: number; name: string }[] }) {
  const { ctx } = props;
  const d = ctx.disabled;
  const changes = padded(props.content.changes, d);
  const range = effectiveDateRange(ctx.targetYear);
  return (
    <>
      <NoUnits ctx={ctx} />
      <p class="hint" id="effective-range">
        施行日は {range.from} から {range.to} までの日付にします(通常は {ctx.targetYear}-04-01)。新設する組織の所管先は、この部局の組織から選びます。
      </p>
      <Count section="changes" n={changes.length} />
      <table class="data" id="changes">
        <thead>
          <tr>
            <th scope="col">種類</th>
            <th scope="col">施行日</th>
            <th scope="col">対象組織</th>
            <th scope="col">新しい組織の名称 (「、」区切り)</th>
            <th scope="col">所管先</th>
            <th scope="col">理由</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((x, i) => (
            <tr>
              <td>
                <input type="hidden" name={`changes.${i}.id`} value={x?.id ?? ""} />
                <Select name={`changes.${i}.kind`} value={x?.kind ?? "create"} label={`改正の種類 ${i + 1}行目`} disabled={d} options={ORG_CHANGE_KINDS.map((k) => ({ value: k, label: ORG_CHANGE_LABELS[k] }))} />
              </td>
              <td>
                <input type="date" name={`changes.${i}.effectiveDate`} value={x?.effectiveDate ?? ""} min={range.from} max={range.to} aria-label={`施行日 ${i + 1}行目`} disabled={d} />
              </td>
              <td>
                <select name={`changes.${i}.unitIds`} multiple aria-label={`対象組織 ${i + 1}行目`} disabled={d}>
                  {ctx.units.map((u) => (
                    <option value={String(u.id)} selected={x?.unitIds.includes(u.id)}>
                      {u.name}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <Text name={`changes.${i}.newNames`} value={x?.newNames.join("、")} label={`新しい組織の名称 ${i + 1}行目`} disabled={d} />
              </td>
              <td>
                <Select name={`changes.${i}.newParentId`} value={String(x?.newParentId ?? "")} label={`所管先 ${i + 1}行目`} disabled={d} options={props.allUnits.map((u) => ({ value: String(u.id), label: u.name }))} blank />
              </td>
              <td>
                <Text name={`changes.${i}.reason`} value={x?.reason} label={`改正の理由 ${i + 1}行目`} disabled={d} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function Form3Fields(props: { content: Form3; ctx: Ctx; targetYear: number; categories: string[] }) {
  const { ctx } = props;
  const d = ctx.disabled;
  const lines = padded(props.content.lines, d);
  const years = Array.from({ length: PLAN_YEARS }, (_, y) => props.targetYear + y);
  return (
    <>
      <NoUnits ctx={ctx} />
      <Count section="lines" n={lines.length} />
      <div class="table-scroll" tabindex={0} role="region" aria-label="人員計画の表">
        <table class="data" id="staff-lines">
          <thead>
            <tr>
              <th scope="col">組織</th>
              <th scope="col">職種</th>
              <th scope="col">任用区分</th>
              <th scope="col">現員</th>
              {years.map((y) => (
                <th scope="col" colSpan={3}>
                  {formatFiscalYear(y)} 増・減・要求
                </th>
              ))}
              <th scope="col">増の理由</th>
              <th scope="col">減の理由</th>
              <th scope="col">要因</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l, i) => {
              const planned = l ? requestedHeadcountsShown(l) : [];
              return (
                <tr data-line={l?.id ?? `new-${i}`}>
                  <td>
                    <input type="hidden" name={`lines.${i}.id`} value={l?.id ?? ""} />
                    <Select name={`lines.${i}.unitId`} value={String(l?.unitId ?? "")} label={`組織 ${i + 1}行目`} disabled={d} options={unitOptions(ctx.units)} blank />
                  </td>
                  <td>
                    <Select name={`lines.${i}.category`} value={l?.category ?? ""} label={`職種 ${i + 1}行目`} disabled={d} options={[...new Set([...props.categories, ...(l ? [l.category] : [])])].map((c) => ({ value: c, label: c }))} />
                  </td>
                  <td>
                    <Select name={`lines.${i}.employment`} value={l?.employment ?? "regular"} label={`任用区分 ${i + 1}行目`} disabled={d} options={EMPLOYMENTS.map((e) => ({ value: e, label: EMPLOYMENT_LABELS[e] }))} />
                  </td>
                  <td class="num">
                    <Text name={`lines.${i}.current`} value={l?.current} label={`現員 ${i + 1}行目`} disabled={d} size={4} />
                  </td>
                  {years.map((y, k) => (
                    <>
                      <td class="num">
                        <Text name={`lines.${i}.y${k}inc`} value={l?.years[k]?.increase} label={`増(${formatFiscalYear(y)}) ${i + 1}行目`} disabled={d} size={3} />
                      </td>
                      <td class="num">
                        <Text name={`lines.${i}.y${k}dec`} value={l?.years[k]?.decrease} label={`減(${formatFiscalYear(y)}) ${i + 1}行目`} disabled={d} size={3} />
                      </td>
                      <td class="num" data-requested={`${l?.id ?? ""}-${k}`}>
                        {l ? (planned[k] ?? "—") : ""}
                      </td>
                    </>
                  ))}
                  <td>
                    <Text name={`lines.${i}.increaseReason`} value={l?.increaseReason} label={`増の理由 ${i + 1}行目`} disabled={d} />
                  </td>
                  <td>
                    <Text name={`lines.${i}.decreaseReason`} value={l?.decreaseReason} label={`減の理由 ${i + 1}行目`} disabled={d} />
                  </td>
                  <td>
                    <Select name={`lines.${i}.driver`} value={l?.driver ?? "none"} label={`増減の要因 ${i + 1}行目`} disabled={d} options={DRIVERS.map((x) => ({ value: x, label: DRIVER_LABELS[x] }))} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
