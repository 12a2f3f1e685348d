/**
 * The Japanese names of the form fields and query parameters the pages send, for the refusals of the floor checks that
 * run before a route's own schema (input.ts guardInput: control characters, 20,000 characters): a clerk reads
 * 「「備考」に使えない文字…」, never the HTML name 「note」. A name not listed here (a forged field, a grid cell)
 * is named by its kind or as 「入力欄」, never by itself.
 */
const LABELS: Readonly<Record<string, string>> = {
  _csrf: "フォームの確認用の値",
  action: "操作",
  allowance: "手当",
  base: "基準",
  basis: "根拠",
  birth: "生年度",
  categories: "職種",
  category: "職種",
  code: "コード",
  codes: "団体コード",
  comment: "コメント",
  contact: "連絡先",
  continuing: "存続する組織",
  current: "現在の値",
  date: "日付",
  day: "日",
  decision: "判断",
  displayName: "表示名",
  dueDate: "期限",
  editionYear: "版の年度",
  encoding: "文字コード",
  entity: "対象",
  evaluation: "評価",
  evaluations: "評価の区分",
  filename: "ファイル名",
  fiscalYear: "年度",
  from: "最初の年度",
  fromYear: "最初の年度",
  group: "グループ",
  heardOn: "ヒアリング日",
  hireAge: "採用時の年齢",
  hireCategory: "採用する職種",
  issues: "課題",
  key: "項目",
  kind: "種別",
  label: "名称",
  license: "ライセンス表示",
  lines: "行",
  members: "出席者",
  municipality: "自治体",
  name: "名称",
  newName: "新しい名称",
  newUnits: "新しい組織",
  next: "戻り先",
  note: "備考",
  notes: "備考",
  opinion: "意見",
  opinionInternal: "内部向けの意見",
  parent: "上位組織",
  password: "パスワード",
  people: "人数",
  percent: "割合",
  place: "場所",
  planned_date: "公表予定日",
  population: "人口",
  prefecture: "都道府県",
  priorities: "重点",
  query: "検索語",
  quota: "定数",
  read: "画面を開いたときの値",
  read_values: "画面を開いたときの値",
  referenceDate: "基準日",
  referenceNote: "基準日の注記",
  remarks: "備考",
  result: "結果",
  retireOn: "退職日",
  role: "役割",
  scope: "対象",
  sector: "部門",
  source: "出典",
  state: "状態",
  step: "段階",
  steps: "定年の段階",
  target: "目標",
  targetYear: "目標年度",
  time: "時刻",
  title: "件名",
  to: "最後の年度",
  unit: "組織",
  unitId: "組織",
  unitLabels: "組織の表示名",
  username: "ユーザー名",
  validFrom: "設置年度",
  validTo: "最終年度",
  value: "値",
  version: "版",
  year: "年度",
};

/**
 * The Japanese name of form field or query parameter `name`, in 「」: a listed name by its label; a hidden 「read…」
 * field as 画面を開いたときの値; a narrative section (n:/r:) as 基本方針の本文; a grid cell (c./o./n./l.…) as 表の欄;
 * anything else 「入力欄」.
 */
export function fieldLabel(name: string): string {
  const listed = Object.hasOwn(LABELS, name) ? LABELS[name] : undefined;
  if (listed) return `「${listed}」`;
  if (/^read[A-Z]/.test(name)) return "「画面を開いたときの値」";
  if (/^[nr]:/.test(name)) return "「基本方針の本文」";
  if (/^[a-z]\.[^.]+\./.test(name)) return "「表の欄」";
  return "「入力欄」";
}
