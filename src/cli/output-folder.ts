/**
 * 書き出し先のフォルダ (output folders) of `gyokaku report` and `gyokaku publish`: checked before anything is built,
 * so a file or a foreign folder given as --out is refused in Japanese (never Node's EEXIST/ENOTDIR text), and the
 * public site replaces its folder as a whole (no page of a previous run left behind, nothing half-written).
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { GyokakuError } from "../domain/errors.js";

/** Top-level names a site folder written by `gyokaku publish` may hold (a previous run is replaced, nothing else is). */
function isSiteEntry(name: string): boolean {
  return /^(index|comparison|staffing|opendata)\.html$|^(items|opendata)$|^style\.css$|^basic-policy\.pdf$/.test(name);
}

/**
 * Refuses --out when it names an existing file (or lies under one); `absPath` is absolute.
 * @throws GyokakuError invalid_input naming the path
 */
export function requireFolderPath(absPath: string): void {
  for (let p = absPath; ; p = dirname(p)) {
    if (existsSync(p)) {
      if (!statSync(p).isDirectory()) {
        throw new GyokakuError("invalid_input", `書き出し先「${absPath}」は作れません: 「${p}」はフォルダではなくファイルです。別のフォルダを指定してください`);
      }
      return;
    }
    if (dirname(p) === p) return;
  }
}

/** Why a write to `absPath` failed, in Japanese (never Node's errno text). */
function writeProblem(absPath: string, error: unknown): GyokakuError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === "EACCES" || code === "EPERM" || code === "EROFS"
      ? "書き込む権限がありません"
      : code === "ENOSPC" || code === "EDQUOT"
        ? "書き込めませんでした(ディスクの空きがありません)"
        : "書き込めませんでした";
  return new GyokakuError("invalid_input", `書き出し先「${absPath}」に${reason}。別のフォルダを指定してください`);
}

/**
 * Creates the folder `absPath` and its missing parents one level at a time. Node's mkdir with `recursive` never
 * returns under a folder that refuses new entries with ENOENT (/proc: `--out /proc/x` hung the command), so each
 * level is made on its own and the first refusal ends the run.
 * @throws GyokakuError invalid_input naming the folder (a file in the way, no permission, a read-only place)
 */
export function makeFolder(absPath: string): void {
  requireFolderPath(absPath);
  try {
    makeFolderLevels(absPath);
  } catch (error) {
    throw writeProblem(absPath, error);
  }
}

/** makeFolder without the check and the translation: throws Node's error (the caller names the folder). */
function makeFolderLevels(absPath: string): void {
  const missing: string[] = [];
  for (let p = absPath; !existsSync(p); p = dirname(p)) {
    missing.unshift(p);
    if (dirname(p) === p) break;
  }
  for (const p of missing) {
    try {
      mkdirSync(p);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST" && statSync(p).isDirectory()) continue;
      throw error;
    }
  }
}

/**
 * Writes one file into the folder `absPath` (made when missing), as `gyokaku report` does.
 * @throws GyokakuError invalid_input naming the file when it cannot be written
 */
export function writeOutputFile(absPath: string, name: string, bytes: Uint8Array | string): string {
  makeFolder(absPath);
  const path = join(absPath, name);
  try {
    writeFileSync(path, bytes);
  } catch (error) {
    throw writeProblem(path, error);
  }
  return path;
}

/**
 * Checks --out of `gyokaku publish` before the site is built: a file, or a folder holding anything but a previous
 * site (e.g. the web team's own files), is refused — the site replaces the folder whole.
 * @throws GyokakuError invalid_input naming the folder and the first foreign entry
 */
export function requireSiteFolder(absPath: string): void {
  requireFolderPath(absPath);
  if (!existsSync(absPath)) return;
  const foreign = readdirSync(absPath).filter((name) => !isSiteEntry(name));
  if (foreign.length > 0) {
    throw new GyokakuError(
      "invalid_input",
      `書き出し先のフォルダ「${absPath}」には公開用サイト以外のもの(「${foreign[0]}」${foreign.length > 1 ? `ほか${foreign.length - 1}件` : ""})があります。` +
        "公開用サイトはフォルダ全体を置き換えるので、空のフォルダか新しいフォルダを指定してください(前回 gyokaku publish で書き出したフォルダはそのまま置き換えます)",
    );
  }
}

/**
 * Writes `files` (paths relative to the folder, "/"-separated) as the folder `absPath`: first into a sibling staging
 * folder, then swapped in, so the folder holds exactly this run's files, or (on any failure) is left as it was.
 * @throws GyokakuError invalid_input when the folder cannot be written, naming it
 */
export function replaceFolder(absPath: string, files: readonly { path: string; bytes: Uint8Array | string }[]): void {
  requireSiteFolder(absPath);
  const suffix = `${process.pid}-${Date.now()}`;
  const staging = join(dirname(absPath), `.${basename(absPath)}.gyokaku-new-${suffix}`);
  const previous = join(dirname(absPath), `.${basename(absPath)}.gyokaku-old-${suffix}`);
  try {
    makeFolderLevels(staging);
    for (const file of files) {
      const path = join(staging, ...file.path.split("/"));
      makeFolderLevels(dirname(path));
      writeFileSync(path, file.bytes);
    }
    const hadPrevious = existsSync(absPath);
    if (hadPrevious) renameSync(absPath, previous);
    try {
      renameSync(staging, absPath);
    } catch (error) {
      if (hadPrevious) renameSync(previous, absPath);
      throw error;
    }
    if (hadPrevious) rmSync(previous, { recursive: true, force: true });
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (error instanceof GyokakuError) throw error;
    const reason = (error as NodeJS.ErrnoException).code === "EACCES" || (error as NodeJS.ErrnoException).code === "EPERM" ? "書き込む権限がありません" : "書き込めませんでした";
    throw new GyokakuError("invalid_input", `書き出し先のフォルダ「${absPath}」に${reason}。何も変更していません`);
  }
}
