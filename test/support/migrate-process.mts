/**
 * One process migrating a database, as `gyokaku migrate` does (openDatabase without migrating, then migrateToLatest):
 * for the test of several processes migrating one new SQLite file at once (test/integration/migrations.test.ts).
 * Run with `node --import tsx test/support/migrate-process.mts <database url>`: it loads only the database layer, not
 * the whole CLI, so four of them start in a fraction of the time. Prints the names it applied as one JSON array.
 */
import { migrateToLatest, openDatabase } from "../../src/db/connection.js";

const url = process.argv[2];
if (!url) throw new Error("usage: migrate-process.mts <database url>");
const database = await openDatabase(url, { migrate: false });
try {
  console.log(JSON.stringify(await migrateToLatest(database.db)));
} finally {
  await database.close();
}
