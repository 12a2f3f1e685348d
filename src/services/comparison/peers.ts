/** 図表8 道内類似団体との職員数の比較: the chosen peers, their staff per 10,000 and the group's total row. */
import type { TenantDb } from "../../db/tenant.js";
import { GyokakuError, isInvalidInput } from "../../domain/errors.js";
import { rosterEntries } from "../../domain/group-averages.js";
import { isValidMunicipalityCode, normalizeMunicipalityCode } from "../../domain/municipality-code.js";
import { rosterGroupTotal, staffOf } from "../../domain/nationwide.js";
import { per10k, populationReferenceDate } from "../../domain/population.js";
import { NOT_SET, type ReadValues, requireUnchanged } from "../../domain/read-values.js";
import type { Actor } from "../../domain/roles.js";
import { recordChange } from "../audit.js";
import { requireAdmin } from "../authorization.js";
import { latest, ownGroup, type OwnMunicipality } from "./own-figures.js";

/** Settings key of the chosen peers of 図表8: a JSON array of 団体コード, in the order shown. */
export const PEERS_SETTING = "comparison.peers";

export interface PeerRow {
  code: string;
  name: string;
  prefecture: string;
  own: boolean;
  /** False when the code is not in the year's roster (the row shows blanks). */
  listed: boolean;
  groupKey: string | null;
  population: number | null;
  futsu: number | null;
  futsuPer10k: number | null;
  ippan: number | null;
  ippanPer10k: number | null;
}

export interface GroupTotalRow {
  groupKey: string;
  members: number | null;
  population: number | null;
  futsu: number | null;
  futsuPer10k: number | null;
  ippan: number | null;
  ippanPer10k: number | null;
  /** "imported": MIC's Σ as given; "roster": added up from the roster's members (all of them were imported). */
  source: "imported" | "roster";
}

export interface PeersView {
  fiscalYear: number | null;
  years: number[];
  codes: string[];
  rows: PeerRow[];
  group: GroupTotalRow | null;
  ownGroup: string | null;
  /** 住基人口 and staff dates (R6.1.1 / R6.4.1). */
  populationDate: string | null;
  staffDate: string | null;
  /** The chosen peers as the form's hidden values read (key PEERS_KEY; peersText). */
  read: ReadValues;
}

/** The key of the chosen peers in the form's values read (domain/read-values.ts). */
export const PEERS_KEY = "peers";

/** The chosen peers as one text, for the page's hidden field and for the check: 「012246、012050」, or 未設定. */
export function peersText(codes: readonly string[]): string {
  return codes.length === 0 ? NOT_SET : codes.join("、");
}

const per10kOrNull = (staff: number | null, population: number | null) => (staff === null || population === null || population <= 0 ? null : per10k(staff, population));

export async function savedPeers(tenant: Pick<TenantDb, "settings">): Promise<string[]> {
  const raw = await tenant.settings.get(PEERS_SETTING);
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter((c): c is string => typeof c === "string" && isValidMunicipalityCode(c)) : [];
  } catch (error) {
    // A stored setting that is not JSON (edited by hand) chooses no peers; anything else is a bug.
    if (!(error instanceof SyntaxError)) throw error;
    return [];
  }
}

export async function peersView(tenant: Pick<TenantDb, "comparisonProfiles" | "groupAverages" | "roster" | "settings">, own: OwnMunicipality, fiscalYear?: number): Promise<PeersView> {
  const years = await tenant.roster.years();
  const fy = fiscalYear ?? latest(years);
  const codes = await savedPeers(tenant);
  const read = { [PEERS_KEY]: peersText(codes) };
  if (fy === null) return { fiscalYear: null, years, codes, rows: [], group: null, ownGroup: null, populationDate: null, staffDate: null, read };
  const listed = await tenant.roster.list(fy, codes);
  const staff = await tenant.roster.listStaff(fy, codes);
  const entries = new Map(rosterEntries(listed, staff).map((e) => [e.code, e]));
  const rows: PeerRow[] = codes.map((code) => {
    const e = entries.get(code);
    const futsu = e ? staffOf(e, "futsu") : null;
    const ippan = e ? staffOf(e, "ippan") : null;
    return {
      code,
      name: e?.name ?? "",
      prefecture: e?.prefecture ?? "",
      own: code === own.code,
      listed: e !== undefined,
      groupKey: e?.group ?? null,
      population: e?.population ?? null,
      futsu,
      futsuPer10k: per10kOrNull(futsu, e?.population ?? null),
      ippan,
      ippanPer10k: per10kOrNull(ippan, e?.population ?? null),
    };
  });
  const group = await ownGroup(tenant, own, fy);
  return {
    fiscalYear: fy,
    years,
    codes,
    rows,
    group: group === null ? null : await groupTotal(tenant, fy, group),
    ownGroup: group,
    populationDate: populationReferenceDate(fy),
    staffDate: `${fy}-04-01`,
    read,
  };
}

/** The group's Σ population and Σ staff: as MIC gives them, else from the roster when it holds every member. */
async function groupTotal(tenant: Pick<TenantDb, "groupAverages" | "roster">, fiscalYear: number, group: string): Promise<GroupTotalRow | null> {
  const rows = await tenant.groupAverages.list(fiscalYear, group);
  const futsu = rows.find((r) => r.sector === "futsu");
  const ippan = rows.find((r) => r.sector === "ippan");
  if ((futsu?.staff ?? null) !== null || (ippan?.staff ?? null) !== null) {
    const population = futsu?.population ?? ippan?.population ?? null;
    return {
      groupKey: group,
      members: futsu?.members ?? ippan?.members ?? null,
      population,
      futsu: futsu?.staff ?? null,
      futsuPer10k: per10kOrNull(futsu?.staff ?? null, futsu?.population ?? population),
      ippan: ippan?.staff ?? null,
      ippanPer10k: per10kOrNull(ippan?.staff ?? null, ippan?.population ?? population),
      source: "imported",
    };
  }
  const members = rosterEntries(
    (await tenant.roster.list(fiscalYear)).filter((r) => r.group_key === group),
    await tenant.roster.listStaff(fiscalYear),
  ).filter((e) => e.group === group);
  const stated = rows.find((r) => r.members !== null)?.members ?? null;
  if (members.length === 0 || (stated !== null && members.length < stated) || (stated === null && rows.length > 0)) return null;
  const { population, staff } = rosterGroupTotal(members, ["futsu", "ippan"] as const);
  return {
    groupKey: group,
    members: members.length,
    population,
    futsu: staff.futsu,
    futsuPer10k: per10kOrNull(staff.futsu, population),
    ippan: staff.ippan,
    ippanPer10k: per10kOrNull(staff.ippan, population),
    source: "roster",
  };
}

/**
 * Who may choose the peers of 図表8: the secretariat only. savePeers checks it; the route asks it before it reads the
 * form (role before input).
 * @throws GyokakuError forbidden
 */
export function authorizePeersEdit(actor: Actor): void {
  requireAdmin(actor, "比較する団体を変更する");
}

/**
 * Saves the chosen peers from codes typed one per line or separated by commas and spaces. `read`: the peers the form
 * showed (PeersView.read); peers changed since by someone else are a conflict naming both lists (issue 14 point 6).
 * @throws GyokakuError forbidden, invalid_input, conflict (nothing written)
 */
export async function savePeers(tenant: Pick<TenantDb, "audit" | "settings" | "transaction">, actor: Actor, text: string, read?: ReadValues): Promise<string[]> {
  authorizePeersEdit(actor);
  const tokens = text.normalize("NFKC").split(/[\s,、，]+/).filter((t) => t !== "");
  const codes: string[] = [];
  const problems: string[] = [];
  for (const token of tokens) {
    try {
      const code = normalizeMunicipalityCode(token);
      if (!codes.includes(code)) codes.push(code);
    } catch (error) {
      if (!isInvalidInput(error)) throw error;
      problems.push(error.message);
    }
  }
  if (problems.length > 0) throw new GyokakuError("invalid_input", problems.join(" / "), { problems: problems.map((message) => ({ message })) });
  if (codes.length > 100) throw new GyokakuError("invalid_input", `比較する団体は100団体までです (${codes.length}団体)`);
  await tenant.transaction(async (tx) => {
    const before = await savedPeers(tx);
    requireUnchanged(read, [{ key: PEERS_KEY, label: "比較する団体", stored: peersText(before), yours: peersText(codes) }]);
    await tx.settings.set(PEERS_SETTING, JSON.stringify(codes));
    await recordChange(tx, actor, {
      action: "update",
      entity: "comparison-peers",
      entityId: "peers",
      summary: `比較する団体を保存: ${codes.length}団体`,
      before,
      after: codes,
    });
  });
  return codes;
}
