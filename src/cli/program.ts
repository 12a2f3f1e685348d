import "../zod-japanese.js";
import { Command, CommanderError, Option } from "commander";
import { type Database, migrateToLatest, openDatabase, resolveDatabaseUrl } from "../db/connection.js";
import { GyokakuError, isGyokakuError } from "../domain/errors.js";
import { cliMessage } from "./field-hints.js";
import { CLI_ACTOR } from "../services/audit.js";
import { createMunicipality } from "../services/municipalities.js";
import { JAPANESE_HELP, japaneseUsageError } from "./usage-messages.js";
import { EXIT_CODE_HELP, EXIT_CODES, EXIT_OK, EXIT_UNEXPECTED, EXIT_USAGE } from "./exit-codes.js";
import { ExitCode } from "./exit.js";

/** Where a command writes and reads; tests pass their own. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  readStdin(): Promise<string>;
  env: NodeJS.ProcessEnv;
  /** True when stderr is a terminal: progress bars are drawn only then. */
  stderrIsTTY?: boolean;
  /** Writes a file's bytes to stdout (`gyokaku export … --out -`). */
  outBytes?(bytes: Uint8Array): void;
}

export const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  readStdin: async () => {
    if (process.stdin.isTTY) throw new GyokakuError("invalid_input", "--password-stdin: 標準入力からパスワードを渡してください (例: echo 'パスワード' | gyokaku user add …)");
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  },
  env: process.env,
  stderrIsTTY: process.stderr.isTTY === true,
  outBytes: (bytes) => process.stdout.write(bytes),
};

const databaseOption = () =>
  new Option("--database <url>", "データベース: sqlite:パス または postgres://… (既定: 環境変数 DATABASE_URL、なければ sqlite:./data/gyokaku.db)");

async function withDatabase<T>(io: CliIo, url: string | undefined, fn: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase(resolveDatabaseUrl(url, io.env));
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

/** Adds one module's command(s) to the program. */
type Register = (program: Command, io: CliIo) => void;

/**
 * The modules that define the commands, loaded on use: a command loads only its own module, so `publish` does not
 * load the web server, the importers or the password checker (about half of the CLI's start-up CPU). Help, an
 * unknown command or no command loads them all.
 */
const COMMAND_MODULES = {
  serve: async () => (await import("./commands/serve.js")).registerServeCommand,
  user: async () => (await import("./commands/user.js")).registerUserCommand,
  import: async () => (await import("./commands/import.js")).registerImportCommand,
  export: async () => (await import("./commands/export.js")).registerExportCommand,
  backup: async () => (await import("./commands/backup.js")).registerBackupCommands,
  publish: async () => (await import("./commands/publish.js")).registerPublishCommand,
  report: async () => (await import("./commands/report.js")).registerReportCommand,
  notify: async () => (await import("./commands/notify.js")).registerNotifyCommand,
  ageRoll: async () => (await import("./commands/age-roll.js")).registerAgeRollCommand,
  prune: async () => (await import("./commands/prune.js")).registerPruneCommand,
} satisfies Record<string, () => Promise<Register>>;
type CommandModule = keyof typeof COMMAND_MODULES;

/** Command name (first word) → the module that defines it. */
const MODULE_OF_COMMAND: Readonly<Record<string, CommandModule>> = {
  serve: "serve",
  user: "user",
  import: "import",
  export: "export",
  backup: "backup",
  restore: "backup",
  publish: "publish",
  report: "report",
  "notify-due": "notify",
  "roll-age-profile": "ageRoll",
  prune: "prune",
};
/** Commands defined in this file (they need no module). */
const INLINE_COMMANDS: ReadonlySet<string> = new Set(["migrate", "init", "demo"]);

/** The command modules `argv` needs: its command's own, none for an inline command, all otherwise (help, typo). */
export async function commandModulesFor(argv: readonly string[]): Promise<Partial<Record<CommandModule, Register>>> {
  const first = argv.find((a) => !a.startsWith("-"));
  const own = first === undefined ? undefined : Object.hasOwn(MODULE_OF_COMMAND, first) ? MODULE_OF_COMMAND[first] : undefined;
  const wanted = own ? [own] : first !== undefined && INLINE_COMMANDS.has(first) ? [] : (Object.keys(COMMAND_MODULES) as CommandModule[]);
  return Object.fromEntries(await Promise.all(wanted.map(async (key) => [key, await COMMAND_MODULES[key]()] as const)));
}

/** The CLI with the commands of `modules` (default: every command; see {@link commandModulesFor}). */
export function buildProgram(io: CliIo, modules?: Partial<Record<CommandModule, Register>>): Command {
  const program = new Command("gyokaku")
    .description("gyokaku 行革 — 自治体の行政改革・定数管理の年次サイクルを回すソフトウェア")
    .version("0.1.0", "-V, --version", "バージョンを表示する")
    // Set before the subcommands are added (they inherit them): help in Japanese, not commander's English.
    .helpOption("-h, --help", "使い方を表示する")
    .helpCommand("help [コマンド]", "コマンドの使い方を表示する")
    .configureHelp(JAPANESE_HELP)
    .showHelpAfterError("(gyokaku --help で使い方を表示します)")
    .addHelpText(
      "after",
      [
        "",
        "コマンド一覧:",
        "  gyokaku serve [--port 3000] [--host 127.0.0.1] [--database URL] [--workers N] [--demo]",
        "  gyokaku migrate [--database URL]",
        "  gyokaku init --code 012246 --name 千歳市 --prefecture 北海道 [--database URL]",
        "  gyokaku user add --municipality 012246 --username NAME --role admin|hq|editor|viewer [--unit 組織]... --password-stdin",
        "  gyokaku user list|edit|disable|enable|reset-password --municipality 012246 [--username NAME] …",
        "  gyokaku user unlock NAME --municipality 012246 [--database URL]",
        "  gyokaku demo [--reset-admin-password] [--database URL]",
        "  gyokaku import headcounts|age-profile|mic|reform FILE --municipality 012246 [--year FY] [--encoding auto|utf-8|shift_jis] [--dry-run] [--format text|json]",
        "  gyokaku export headcounts|age-profile|diagnosis|roster|laspeyres|reform --municipality 012246 [--from FY --to FY | --year FY] [--format csv|xlsx|json] [--encoding utf-8|shift_jis] [--out FILE]",
        "  gyokaku publish --municipality 012246 --edition 2025 --out DIR [--database URL]",
        "  gyokaku roll-age-profile --municipality 012246 --year FY [--unit 組織]... [--leaver 組織:生まれ年度:人数]... [--hire 組織:年齢:人数]... [--replace] [--dry-run]",
        "  gyokaku notify-due --municipality 012246 [--days 7] [--today YYYY-MM-DD] [--database URL]",
        "",
        "  gyokaku backup --out FILE [--database URL]",
        "  gyokaku restore FILE [--database URL]",
        "  gyokaku prune [--security-log-days 365] [--login-throttle-days 30] [--database URL]",
        "",
        "データベース: --database sqlite:./data/gyokaku.db (既定) / postgres://user@host:5432/db、または環境変数 DATABASE_URL",
        "",
        ...EXIT_CODE_HELP,
      ].join("\n"),
    )
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()), outputError: (s, write) => write(japaneseUsageError(s)) })
    // Set before the subcommands are added: they inherit it, and the caller decides the exit code.
    .exitOverride();

  modules?.serve?.(program, io);

  program
    .command("migrate")
    .description("データベースを最新の構造へ移行する")
    .addOption(databaseOption())
    .action(async (opts: { database?: string }) => {
      const url = resolveDatabaseUrl(opts.database, io.env);
      const database = await openDatabase(url, { migrate: false });
      try {
        const applied = await migrateToLatest(database.db);
        io.out(applied.length === 0 ? `移行済みです (${database.label})` : `適用しました: ${applied.join(", ")} (${database.label})`);
      } finally {
        await database.close();
      }
    });

  program
    .command("init")
    .description("団体を登録する (団体コードの検査数字を確認する)")
    .requiredOption("--code <code>", "全国地方公共団体コード 6桁 (例: 012246)")
    .requiredOption("--name <name>", "団体名 (例: 千歳市)")
    .requiredOption("--prefecture <prefecture>", "都道府県名 (例: 北海道)")
    .option("--romaji <romaji>", "団体名のローマ字 (例: chitose)。これを含むパスワードを断ります")
    .addOption(databaseOption())
    .action(async (opts: { code: string; name: string; prefecture: string; romaji?: string; database?: string }) => {
      await withDatabase(io, opts.database, async (database) => {
        const m = await createMunicipality(database.db, opts, CLI_ACTOR);
        io.out(`団体を登録しました: ${m.prefecture}${m.name} (${m.code})`);
      });
    });

  modules?.user?.(program, io);

  program
    .command("demo")
    .description("デモ団体(千歳市 令和7年度)とデモデータを読み込む (何度実行しても同じ結果)")
    .addOption(databaseOption())
    .option("--reset-admin-password", "管理者 admin のパスワードを新しく発行する")
    .action(async (opts: { database?: string; resetAdminPassword?: boolean }) => {
      await withDatabase(io, opts.database, async (database) => {
        const { loadDemo } = await import("../services/demo.js");
        const demo = await loadDemo(database.db, { resetAdminPassword: opts.resetAdminPassword ?? false });
        io.out(`デモ団体を${demo.created ? "作成" : "確認"}しました: ${demo.municipality.prefecture}${demo.municipality.name} (${demo.municipality.code})`);
        if (demo.adminPassword) io.out(`ログイン: ユーザー名 ${demo.adminUsername} / パスワード ${demo.adminPassword}`);
        else io.out(`管理者 ${demo.adminUsername} は既にあります (パスワードを再発行するには --reset-admin-password)`);
      });
    });

  modules?.import?.(program, io);
  modules?.export?.(program, io);
  modules?.backup?.(program, io);
  modules?.publish?.(program, io);
  modules?.report?.(program, io);
  modules?.notify?.(program, io);
  modules?.ageRoll?.(program, io);
  modules?.prune?.(program, io);
  return program;
}

/**
 * Runs the CLI and returns the exit code (cli/exit-codes.ts: one per kind of error). User mistakes print one line (no stack trace);
 * GYOKAKU_DEBUG=1 shows the stack of unexpected errors.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let program: Command;
  try {
    program = buildProgram(io, await commandModulesFor(argv));
  } catch (error) {
    io.err(`gyokaku: 予期しないエラー: ${(error as Error).message ?? String(error)}`);
    return EXIT_UNEXPECTED;
  }
  try {
    await program.parseAsync(argv, { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof ExitCode) return error.code;
    if (error instanceof CommanderError) {
      // Commander has already printed its message (or the help text).
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (isGyokakuError(error)) {
      io.err(`gyokaku: エラー: ${cliMessage(error)}`);
      return EXIT_CODES[error.code] ?? 1;
    }
    io.err(`gyokaku: 予期しないエラー: ${(error as Error).message ?? String(error)}`);
    if (io.env["GYOKAKU_DEBUG"] === "1") io.err(String((error as Error).stack));
    return EXIT_UNEXPECTED;
  }
}
