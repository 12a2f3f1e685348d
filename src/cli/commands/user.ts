import { type Command, Option } from "commander";
import { type Database, openDatabase, resolveDatabaseUrl } from "../../db/connection.js";
import { TenantDb } from "../../db/tenant.js";
import { GyokakuError } from "../../domain/errors.js";
import { ROLES } from "../../domain/roles.js";
import { CLI_ACTOR } from "../../services/audit.js";
import { requireMunicipalityByCode } from "../../services/municipalities.js";
import { generatePassword } from "../../services/password.js";
import { resolveUnitCodes } from "../../services/units.js";
import { disableUser, editUser, enableUser, listPresentedUsers, resetUserPassword } from "../../services/user-maintenance.js";
import type { PresentedUser } from "../../services/user-presenter.js";
import { addUser } from "../../services/users.js";
import { unlockAccount } from "../../services/security-log.js";
import { formatTimestamp } from "../../web/format.js";
import type { CliIo } from "../program.js";

const databaseOption = () =>
  new Option("--database <url>", "データベース: sqlite:パス または postgres://… (既定: 環境変数 DATABASE_URL、なければ sqlite:./data/gyokaku.db)");

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

async function withTenant<T>(io: CliIo, opts: { database?: string; municipality: string }, fn: (tenant: TenantDb, name: string) => Promise<T>): Promise<T> {
  const database: Database = await openDatabase(resolveDatabaseUrl(opts.database, io.env));
  try {
    const municipality = await requireMunicipalityByCode(database.db, opts.municipality);
    return await fn(new TenantDb(database.db, municipality.id), municipality.name);
  } finally {
    await database.close();
  }
}

async function readPassword(io: CliIo): Promise<string> {
  return (await io.readStdin()).replace(/\r?\n$/, "");
}

function describe(user: PresentedUser): string {
  const units = user.units.length > 0 ? ` 担当: ${user.units.map((u) => u.name).join("、")}` : "";
  return `${user.username} (${user.role}) ${user.displayName}${units}${user.disabled ? " [無効]" : ""}`;
}

/**
 * gyokaku user add|list|edit|disable|enable|reset-password|unlock (issue 13 point 10, issue 14): the same user maintenance as the
 * ユーザー page, acting as the municipality's administrator; every change is in the audit log as (CLI).
 */
export function registerUserCommand(program: Command, io: CliIo): void {
  const user = program.command("user").description("ユーザーを管理する (追加・一覧・変更・無効化・有効化・パスワード再発行・ログイン制限の解除)");
  user
    .command("add")
    .description("ユーザーを追加する (パスワードは --password-stdin で渡す。省略すると生成して表示する)")
    .requiredOption("--municipality <code>", "団体コード (例: 012246)")
    .requiredOption("--username <name>", "ユーザー名 (半角英数字)")
    .addOption(new Option("--role <role>", "役割").choices([...ROLES]).makeOptionMandatory())
    .option("--unit <unit>", "担当組織 (組織コードまたは組織名、editor のとき必須、繰り返し指定可)", collect, [])
    .option("--display-name <name>", "表示名")
    .option("--password-stdin", "パスワードを標準入力から読む")
    .addOption(databaseOption())
    .action(
      async (opts: { municipality: string; username: string; role: string; unit: string[]; displayName?: string; passwordStdin?: boolean; database?: string }) => {
        const password = opts.passwordStdin ? await readPassword(io) : generatePassword();
        await withTenant(io, opts, async (tenant, name) => {
          const unitCodes = await resolveUnitCodes(tenant, opts.unit);
          const created = await addUser(tenant, { username: opts.username, displayName: opts.displayName, role: opts.role, unitCodes, password }, CLI_ACTOR);
          io.out(`ユーザーを追加しました: ${created.username} (${created.role}) — ${name}`);
          if (!opts.passwordStdin) io.out(`初期パスワード: ${password}`);
        });
      },
    );

  user
    .command("list")
    .description("ユーザーの一覧 (役割・担当組織・状態・最終ログイン)")
    .requiredOption("--municipality <code>", "団体コード (例: 012246)")
    .addOption(new Option("--format <format>", "出力形式").choices(["table", "json"]).default("table"))
    .addOption(databaseOption())
    .action(async (opts: { municipality: string; format: "table" | "json"; database?: string }) => {
      await withTenant(io, opts, async (tenant) => {
        const users = await listPresentedUsers(tenant, CLI_ACTOR);
        if (opts.format === "json") {
          io.out(JSON.stringify(users, null, 2));
          return;
        }
        io.out(["ユーザー名", "表示名", "役割", "担当組織", "状態", "最終ログイン"].join("\t"));
        for (const u of users) {
          io.out(
            [u.username, u.displayName, u.role, u.units.map((x) => x.name).join("、"), u.disabled ? "無効" : "有効", u.lastLoginAt ? formatTimestamp(u.lastLoginAt) : "なし"].join("\t"),
          );
        }
      });
    });

  user
    .command("edit")
    .description("ユーザーの役割・表示名・担当組織を変更する (--unit を1つでも指定すると担当組織をその一覧に置き換える)")
    .requiredOption("--municipality <code>", "団体コード (例: 012246)")
    .requiredOption("--username <name>", "ユーザー名")
    .addOption(new Option("--role <role>", "新しい役割").choices([...ROLES]))
    .option("--display-name <name>", "新しい表示名")
    .option("--unit <unit>", "担当組織 (組織コードまたは組織名、繰り返し指定可)", collect, [])
    .addOption(databaseOption())
    .action(async (opts: { municipality: string; username: string; role?: string; displayName?: string; unit: string[]; database?: string }) => {
      await withTenant(io, opts, async (tenant) => {
        const unitCodes = opts.unit.length > 0 ? await resolveUnitCodes(tenant, opts.unit) : undefined;
        const edited = await editUser(tenant, CLI_ACTOR, { user: { username: opts.username }, role: opts.role, displayName: opts.displayName, unitCodes });
        io.out(`ユーザーを変更しました: ${describe(edited)}`);
      });
    });

  user
    .command("disable")
    .description("ユーザーを無効にする (ログインできなくなり、ログイン中のセッションも終了する)")
    .requiredOption("--municipality <code>", "団体コード (例: 012246)")
    .requiredOption("--username <name>", "ユーザー名")
    .addOption(databaseOption())
    .action(async (opts: { municipality: string; username: string; database?: string }) => {
      await withTenant(io, opts, async (tenant) => {
        const disabled = await disableUser(tenant, CLI_ACTOR, { username: opts.username });
        io.out(`無効にしました: ${describe(disabled)}`);
      });
    });

  user
    .command("enable")
    .description("無効にしたユーザーを有効に戻す")
    .requiredOption("--municipality <code>", "団体コード (例: 012246)")
    .requiredOption("--username <name>", "ユーザー名")
    .addOption(databaseOption())
    .action(async (opts: { municipality: string; username: string; database?: string }) => {
      await withTenant(io, opts, async (tenant) => {
        const enabled = await enableUser(tenant, CLI_ACTOR, { username: opts.username });
        io.out(`有効にしました: ${describe(enabled)}`);
      });
    });

  user
    .command("reset-password")
    .description("パスワードを再発行する (--password-stdin がなければ生成して一度だけ表示する。ログイン中のセッションは終了し、ログイン制限も解除する)")
    .requiredOption("--municipality <code>", "団体コード (例: 012246)")
    .requiredOption("--username <name>", "ユーザー名")
    .option("--password-stdin", "新しいパスワードを標準入力から読む")
    .addOption(databaseOption())
    .action(async (opts: { municipality: string; username: string; passwordStdin?: boolean; database?: string }) => {
      const chosen = opts.passwordStdin ? await readPassword(io) : undefined;
      await withTenant(io, opts, async (tenant) => {
        const { user: reset, password } = await resetUserPassword(tenant, CLI_ACTOR, { username: opts.username }, chosen);
        io.out(`パスワードを再発行しました: ${reset.username}`);
        if (!opts.passwordStdin) io.out(`新しいパスワード: ${password}`);
      });
    });

  user
    .command("unlock")
    .description("ログインの失敗で待たされているアカウントの制限を解除する (すべての接続元からの失敗回数を消す。変更履歴とセキュリティログに残る)")
    .argument("[username]", "ユーザー名 (--username でも指定できる)")
    .requiredOption("--municipality <code>", "団体コード (例: 012246)")
    .option("--username <name>", "ユーザー名")
    .addOption(databaseOption())
    .action(async (positional: string | undefined, opts: { municipality: string; username?: string; database?: string }) => {
      const username = (positional ?? opts.username ?? "").trim();
      if (username === "") throw new GyokakuError("invalid_input", "解除するユーザー名を指定してください (gyokaku user unlock <ユーザー名> --municipality <団体コード>)");
      await withTenant(io, opts, async (tenant) => {
        const cleared = await unlockAccount(tenant, CLI_ACTOR, username);
        io.out(cleared > 0 ? `ログイン制限を解除しました: ${username} (${cleared}件)` : `${username} にはログイン制限がありません (失敗の記録なし)`);
      });
    });
}
