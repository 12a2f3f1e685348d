/**
 * 共同の定数 (a quota one ordinance sets for several 任命権者 together, issue 13 point 4a): rules on its members.
 */

/** A unit as the member rule needs it: its id, its parent (null at the top) and its name for the message. */
export interface QuotaMemberUnit {
  id: number;
  parentId: number | null;
  name: string;
}

/**
 * The members of a shared quota must be separate units: none may lie within another, since the cap check adds up the
 * members' 定数内職員数 and a unit inside another member is already in that member's total (counted twice: 市長部局
 * and 企画部 together would count 企画部's staff twice and hide an excess).
 * Returns one Japanese message per nested pair, naming the outer and the inner unit; [] when the members are separate.
 * Members not found in `units` are ignored (the caller reports unknown units itself).
 */
export function sharedQuotaMemberProblems(units: readonly QuotaMemberUnit[], memberIds: readonly number[]): string[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const members = [...new Set(memberIds)].flatMap((id) => byId.get(id) ?? []);
  const problems: string[] = [];
  for (const inner of members) {
    const seen = new Set<number>();
    for (let parentId = inner.parentId; parentId !== null && !seen.has(parentId); parentId = byId.get(parentId)?.parentId ?? null) {
      seen.add(parentId);
      const outer = members.find((m) => m.id === parentId);
      if (outer) {
        problems.push(
          `共同の定数の組織「${inner.name}」は同じ共同の定数の「${outer.name}」の中の組織です。「${outer.name}」の職員数に「${inner.name}」が含まれるため、二重に数えることになります。共同の定数には互いに含まない組織(任命権者)だけを指定してください`,
        );
      }
    }
  }
  return problems;
}
