import { expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { MunicipalityRepository } from "../../src/db/repositories/municipalities.js";
import { TenantDb } from "../../src/db/tenant.js";
import { verifyPassword } from "../../src/services/password.js";
import { describeEachDatabase } from "../support/databases.js";
import { captureIo, databaseArg } from "../support/cli-io.js";

describeEachDatabase("gyokaku CLI", (get) => {
  it("init registers a municipality after checking its code", async () => {
    const io = captureIo();
    const code = await runCli(["init", "--code", "012131", "--name", "苫小牧市", "--prefecture", "北海道", "--database", databaseArg(get())], io);
    expect(io.stderr).toEqual([]);
    expect(code).toBe(0);
    expect(io.stdout).toEqual(["団体を登録しました: 北海道苫小牧市 (012131)"]);
    const row = await new MunicipalityRepository(get().database.db).getByCode("012131");
    expect(row?.name).toBe("苫小牧市");
  });

  it("init refuses a wrong check digit with one clear line and exit code 1, and registers nothing", async () => {
    const before = await new MunicipalityRepository(get().database.db).list();
    const io = captureIo();
    const code = await runCli(["init", "--code", "012059", "--name", "室蘭市", "--prefecture", "北海道", "--database", databaseArg(get())], io);
    expect(code).toBe(1);
    expect(io.stderr).toEqual(["gyokaku: エラー: 団体コード「012059」の検査数字が正しくありません (正しくは 012050)"]);
    expect(io.stdout).toEqual([]);
    expect(await new MunicipalityRepository(get().database.db).list()).toEqual(before);
  });

  it("init refuses a code that belongs to another prefecture, and registers nothing", async () => {
    const before = await new MunicipalityRepository(get().database.db).list();
    const io = captureIo();
    expect(await runCli(["init", "--code", "131016", "--name", "千代田区", "--prefecture", "北海道", "--database", databaseArg(get())], io)).toBe(1);
    expect(io.stderr).toEqual(["gyokaku: エラー: 団体コード 131016 は都道府県コード 13 で始まりますが、北海道 のコードは 01 です"]);
    expect(io.stdout).toEqual([]);
    expect(await new MunicipalityRepository(get().database.db).list()).toEqual(before);
  });

  it("user add reads the password from stdin, hashes it, and binds an editor to its units by code or name", async () => {
    const db = databaseArg(get());
    expect(await runCli(["init", "--code", "012050", "--name", "室蘭市", "--prefecture", "北海道", "--database", db], captureIo())).toBe(0);
    const m = await new MunicipalityRepository(get().database.db).getByCode("012050");
    const tenant = new TenantDb(get().database.db, m?.id ?? 0);
    const now = new Date().toISOString();
    const unit = await tenant.units.create({ code: "120", name: "総務部", kind: "department", parentId: null, sortOrder: 1, now });
    const io = captureIo("kouchou-ringo-7281\n");
    const code = await runCli(
      ["user", "add", "--municipality", "012050", "--username", "soumu", "--role", "editor", "--unit", "総務部", "--password-stdin", "--database", db],
      io,
    );
    expect(io.stderr).toEqual([]);
    expect(code).toBe(0);
    const user = await tenant.users.getByUsername("soumu");
    expect(user?.password_hash).toMatch(/^scrypt\$/);
    expect(await verifyPassword("kouchou-ringo-7281", user?.password_hash ?? "")).toBe(true);
    expect(await tenant.users.unitIdsOf(user?.id ?? 0)).toEqual([unit.id]);
  });

  it("user add refuses an editor without units, an unknown role, an unknown municipality and a short password, and adds no user", async () => {
    const db = databaseArg(get());
    // Its own municipality: the test runs alone too (it used the one the test above registers).
    expect(await runCli(["init", "--code", "012041", "--name", "旭川市", "--prefecture", "北海道", "--database", db], captureIo())).toBe(0);
    const m = await new MunicipalityRepository(get().database.db).getByCode("012041");
    const users = new TenantDb(get().database.db, m?.id ?? 0).users;
    const municipalities = await new MunicipalityRepository(get().database.db).list();
    const noUnit = captureIo("long-enough-password\n");
    expect(await runCli(["user", "add", "--municipality", "012041", "--username", "x1", "--role", "editor", "--password-stdin", "--database", db], noUnit)).toBe(1);
    // The service's message names no option (the web shows it too); the CLI adds the option its field is given by.
    expect(noUnit.stderr).toEqual(["gyokaku: エラー: 編集者(editor)には担当する組織を1つ以上指定してください (--unit)"]);
    const badRole = captureIo("long-enough-password\n");
    expect(await runCli(["user", "add", "--municipality", "012041", "--username", "x2", "--role", "mayor", "--password-stdin", "--database", db], badRole)).toBe(2);
    // A usage error: commander's, said in Japanese (cli/usage-messages.ts), names the value and the choices.
    expect(badRole.stderr).toEqual(["gyokaku: エラー: オプション --role <role> の値「mayor」は選べません (admin / hq / editor / viewer のいずれか)", "(gyokaku --help で使い方を表示します)"]);
    const unknown = captureIo("long-enough-password\n");
    expect(await runCli(["user", "add", "--municipality", "011002", "--username", "x3", "--role", "viewer", "--password-stdin", "--database", db], unknown)).toBe(3);
    expect(unknown.stderr).toEqual([
      "gyokaku: エラー: 団体コード 011002 の団体が登録されていません (--municipality を確かめるか、先に gyokaku init で団体を登録してください。デモ団体(012246 千歳市)は gyokaku demo で読み込めます)",
    ]);
    const short = captureIo("short\n");
    expect(await runCli(["user", "add", "--municipality", "012041", "--username", "x4", "--role", "viewer", "--password-stdin", "--database", db], short)).toBe(1);
    expect(short.stderr).toEqual(["gyokaku: エラー: パスワードは10文字以上にしてください"]);
    for (const io of [noUnit, badRole, unknown, short]) expect(io.stdout).toEqual([]);
    expect(await users.list()).toEqual([]);
    expect(await new MunicipalityRepository(get().database.db).list()).toEqual(municipalities);
  });

  it("demo is idempotent: a second run adds nothing and keeps the admin's password", async () => {
    const db = databaseArg(get());
    const first = captureIo();
    expect(await runCli(["demo", "--database", db], first)).toBe(0);
    const password = /パスワード (\S+)/.exec(first.stdout.join("\n"))?.[1] ?? "";
    expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
    const m = await new MunicipalityRepository(get().database.db).getByCode("012246");
    const tenant = new TenantDb(get().database.db, m?.id ?? 0);
    const unitsAfterFirst = (await tenant.units.list()).length;
    expect(unitsAfterFirst).toBeGreaterThan(15);
    expect(await runCli(["demo", "--database", db], captureIo())).toBe(0);
    expect((await tenant.units.list()).length).toBe(unitsAfterFirst);
    const admin = await tenant.users.getByUsername("admin");
    expect(await verifyPassword(password, admin?.password_hash ?? "")).toBe(true);
    const reset = captureIo();
    expect(await runCli(["demo", "--reset-admin-password", "--database", db], reset)).toBe(0);
    const newPassword = /パスワード (\S+)/.exec(reset.stdout.join("\n"))?.[1] ?? "";
    expect(newPassword).not.toBe(password);
    const after = await tenant.users.getByUsername("admin");
    expect(await verifyPassword(newPassword, after?.password_hash ?? "")).toBe(true);
  });
});

it("--help lists every command", async () => {
  const io = captureIo();
  expect(await runCli(["--help"], io)).toBe(0);
  const help = io.stdout.join("\n");
  for (const command of ["serve", "migrate", "init", "user add", "demo", "import", "export"]) expect(help).toContain(command);
});

it("an unknown command ends with exit code 2 (usage), a bad database URL with 1 (input), and no stack trace; --help lists the codes", async () => {
  const help = captureIo();
  expect(await runCli(["--help"], help)).toBe(0);
  expect(help.stdout.join("\n")).toContain("3  指定したもの(団体・ユーザー・組織・版など)が見つからない");
  const unknown = captureIo();
  expect(await runCli(["frobnicate"], unknown)).toBe(2);
  expect(unknown.stderr.join("\n")).not.toMatch(/\n\s+at /);
  const bad = captureIo();
  expect(await runCli(["migrate", "--database", "mysql://nope"], bad)).toBe(1);
  expect(bad.stderr).toEqual(["gyokaku: エラー: データベースURLが読めません: 「mysql://nope」(sqlite:パス または postgres://… を指定してください)"]);
});

it("commander's usage errors are said in Japanese, with the names and values given (no English from the library)", async () => {
  const cases: [string[], string][] = [
    [["frobnicate"], "gyokaku: エラー: 不明なコマンドです: frobnicate"],
    [["user", "add", "--municipality", "012246", "--username", "x", "--role", "mayor"], "gyokaku: エラー: オプション --role <role> の値「mayor」は選べません (admin / hq / editor / viewer のいずれか)"],
    [["user", "add", "--role"], "gyokaku: エラー: オプション --role <role> の値を指定してください"],
    [["init", "--code", "1"], "gyokaku: エラー: オプション --name <name> を指定してください"],
    [["migrate", "--nope"], "gyokaku: エラー: 不明なオプションです: --nope"],
    [["migrate", "extra"], "gyokaku: エラー: 引数が多すぎます (migrate は0個のところ1個)"],
  ];
  for (const [argv, line] of cases) {
    const io = captureIo();
    expect(await runCli(argv, io), argv.join(" ")).toBe(2);
    expect(io.stderr[0], argv.join(" ")).toBe(line);
    expect(io.stderr.join("\n")).not.toMatch(/error:|Allowed|unknown|missing|required|Did you mean/);
  }
});

it("help is in Japanese: no commander headings, no 'display help', no choices/default in English", async () => {
  for (const argv of [["--help"], ["user"], ["export", "--help"], ["help", "user"], ["user", "add", "--help"]]) {
    const io = captureIo();
    await runCli(argv, io);
    const text = [...io.stdout, ...io.stderr].join("\n");
    expect(text, argv.join(" ")).toContain("使い方:");
    expect(text, argv.join(" ")).not.toMatch(/Usage:|Options:|Commands:|Arguments:|display help|output the version|\[options\]|\[command\]|choices:|default:/);
  }
});
