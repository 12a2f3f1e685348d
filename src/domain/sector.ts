/**
 * 部門 (sectors) of MIC's 地方公共団体定員管理調査. Every organisational unit maps to one of them (seed 図表11),
 * which is what makes a city's staff comparable with its similar municipalities.
 */
export type Account = "普通会計" | "公営企業等会計";
/** 一般行政 = 議会 … 衛生; 普通会計 = 一般行政 + 教育 + 消防; the rest are 公営企業等会計. */
export type SectorGroup = "一般行政" | "教育" | "消防" | "公営企業等";

/** A 部門 of MIC's 地方公共団体定員管理調査: its code, name, account (普通会計 or 公営企業等会計) and group, as 図表11 lists them. */
export interface Sector {
  code: string;
  name: string;
  account: Account;
  group: SectorGroup;
  /** 福祉関係を除く / 福祉関係 — the seed's split inside 一般行政. */
  welfare?: boolean;
  /** 主な内容, as 図表11 describes the sector (a municipality may reword it). */
  description: string;
}

/** The 部門 of MIC's survey in 図表10's order, with the seed's descriptions (図表11). */
export const SECTORS: readonly Sector[] = [
  { code: "gikai", name: "議会", account: "普通会計", group: "一般行政", welfare: false, description: "議会事務局" },
  {
    code: "somu",
    name: "総務・企画",
    account: "普通会計",
    group: "一般行政",
    welfare: false,
    description: "総務一般、会計出納、管財、企画開発、住民関連一般、防災、広報広聴、戸籍等窓口、行政委員会（農業委員会事務局除く。）",
  },
  { code: "zeimu", name: "税務", account: "普通会計", group: "一般行政", welfare: false, description: "税務" },
  { code: "rodo", name: "労働", account: "普通会計", group: "一般行政", welfare: false, description: "労働一般" },
  {
    code: "norin",
    name: "農林水産",
    account: "普通会計",
    group: "一般行政",
    welfare: false,
    description: "農業一般（農業委員会事務局含む。）、林業一般、水産業一般",
  },
  { code: "shoko", name: "商工", account: "普通会計", group: "一般行政", welfare: false, description: "商工一般、観光" },
  { code: "doboku", name: "土木", account: "普通会計", group: "一般行政", welfare: false, description: "土木一般、用地買収、建築、都市計画一般、都市公園" },
  {
    code: "minsei",
    name: "民生",
    account: "普通会計",
    group: "一般行政",
    welfare: true,
    description: "民生一般、福祉事務所、保育所、社会福祉施設等、各種年金保険関係",
  },
  {
    code: "eisei",
    name: "衛生",
    account: "普通会計",
    group: "一般行政",
    welfare: true,
    description: "衛生一般、市町村保健センター等施設、医療施設、公害、清掃一般、し尿処理、環境保全",
  },
  {
    code: "kyoiku",
    name: "教育",
    account: "普通会計",
    group: "教育",
    description: "教育一般、社会教育一般、文化財保護、公民館、給食センター、小学校",
  },
  { code: "shobo", name: "消防", account: "普通会計", group: "消防", description: "消防本部、消防署" },
  { code: "byoin", name: "病院", account: "公営企業等会計", group: "公営企業等", description: "病院" },
  { code: "suido", name: "水道", account: "公営企業等会計", group: "公営企業等", description: "水道" },
  { code: "kotsu", name: "交通", account: "公営企業等会計", group: "公営企業等", description: "交通" },
  { code: "gesuido", name: "下水道", account: "公営企業等会計", group: "公営企業等", description: "下水道" },
  { code: "sonota", name: "その他", account: "公営企業等会計", group: "公営企業等", description: "国民健康保険、介護保険、公設卸売市場" },
];

/** The sector of a code ("somu"); undefined for an unknown code. Never throws. */
export function sectorByCode(code: string): Sector | undefined {
  return SECTORS.find((s) => s.code === code);
}

/** Accepts the code ("somu") or the name as MIC and the seed write it ("総務・企画", "総務企画", "下 水 道"). */
export function sectorByName(name: string): Sector | undefined {
  const key = name.normalize("NFKC").replace(/[\s・･]/g, "");
  return SECTORS.find((s) => s.code === key || s.name.replace(/・/g, "") === key);
}

/** No sector mapped, as the 図表11 form shows it. */
export const NO_SECTOR = "(対応なし)";

/**
 * A unit's sector as one text, for the 図表11 form's hidden values read and for the check (domain/read-values.ts):
 * the sector's name (「総務・企画」), the code itself when unknown, NO_SECTOR when none.
 */
export function sectorText(code: string | null): string {
  return code === null ? NO_SECTOR : (sectorByCode(code)?.name ?? code);
}
