import type { Kysely } from "kysely";

/**
 * 団体名のローマ字 (the municipality's name in romaji, e.g. 「chitose」), given at registration (`gyokaku init --romaji`),
 * so the password rule can refuse passwords built on it (「chitose2025」: domain/password-policy.ts). null: not given
 * (municipalities registered before this column; the rule then checks the name and the code only).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("municipalities").addColumn("name_romaji", "varchar(64)").execute();
}
