/**
 * Commander's usage errors in Japanese (a library's own English never reaches the user: the CLI's rule). Commander
 * prints `error: …` lines in a fixed set of forms (commander 14, lib/command.js, lib/option.js, lib/argument.js);
 * each form is matched here and said again in Japanese with the same names and values. A form not known here (a new
 * commander version) is not shown in English either: the line says the command line is not right (commander's own
 * 「(gyokaku --help で使い方を表示します)」 line, set by showHelpAfterError, follows every one).
 */

function suggestionOf(rest: string): string {
  const one = /\(Did you mean ([^?]+)\?\)/.exec(rest);
  if (!one?.[1]) return "";
  const names = one[1].replace(/^one of /, "").split(", ").join(" / ");
  return ` (もしかして: ${names})`;
}

/**
 * One of commander's error texts (possibly with its trailing newline and a 「Did you mean」 line) → the Japanese line
 * printed instead, starting 「gyokaku: エラー: 」 as every other refusal of the CLI. Never throws.
 */
export function japaneseUsageError(text: string): string {
  const message = text.trim();
  const lines = message.split("\n");
  const first = (lines[0] ?? "").replace(/^error:\s*/, "");
  const rest = lines.slice(1).join("\n");
  let m: RegExpExecArray | null;
  const say = (what: string) => `gyokaku: エラー: ${what}`;
  if ((m = /^option '(.+)' argument '([\s\S]*)' is invalid\. Allowed choices are (.+)\.$/.exec(first))) {
    return say(`オプション ${m[1] ?? ""} の値「${m[2]}」は選べません (${(m[3] ?? "").split(", ").join(" / ")} のいずれか)`);
  }
  if ((m = /^option '(.+)' (?:argument|value) '([\s\S]*)'(?: from env '(.+)')? is invalid\./.exec(first))) {
    return say(`オプション ${m[1] ?? ""} の値「${m[2]}」${m[3] ? `(環境変数 ${m[3]})` : ""}が正しくありません`);
  }
  if ((m = /^command-argument value '([\s\S]*)' is invalid for argument '(.+)'\.(?: Allowed choices are (.+)\.)?/.exec(first))) {
    const choices = m[3] ? ` (${m[3].split(", ").join(" / ")} のいずれか)` : "";
    return say(`引数 ${m[2]} の値「${m[1]}」は使えません${choices}`);
  }
  if ((m = /^missing required argument '(.+)'$/.exec(first))) return say(`引数 ${m[1]} を指定してください`);
  if ((m = /^option '(.+)' argument missing$/.exec(first))) return say(`オプション ${m[1] ?? ""} の値を指定してください`);
  if ((m = /^required option '(.+)' not specified$/.exec(first))) return say(`オプション ${m[1] ?? ""} を指定してください`);
  if ((m = /^(.+) cannot be used with (.+)$/.exec(first))) {
    const name = (s: string) => s.replace(/^option '(.+)'$/, "$1").replace(/^environment variable '(.+)'$/, "環境変数 $1");
    return say(`${name(m[1] ?? "")} と ${name(m[2] ?? "")} は同時に指定できません`);
  }
  if ((m = /^unknown option '(.+)'$/.exec(first))) return say(`不明なオプションです: ${m[1]}${suggestionOf(rest)}`);
  if ((m = /^unknown command '(.+)'$/.exec(first))) return say(`不明なコマンドです: ${m[1]}${suggestionOf(rest)}`);
  if ((m = /^too many arguments(?: for '(.+)')?\. Expected (\d+) arguments? but got (\d+)\.$/.exec(first))) {
    return say(`引数が多すぎます (${m[1] ? `${m[1]} は` : ""}${m[2]}個のところ${m[3]}個)`);
  }
  return say(`コマンドラインの指定が正しくありません`);
}

const TITLES: Readonly<Record<string, string>> = { "Usage:": "使い方:", "Options:": "オプション:", "Commands:": "コマンド:", "Arguments:": "引数:", "Global Options:": "共通のオプション:" };

/** 「(選択肢: a / b、既定: x)」 after a description, as commander's 「(choices: "a", "b", default: "x")」. */
function extraInfo(description: string, choices: readonly string[] | undefined, defaultValue: unknown, showDefault: boolean, defaultDescription: string | undefined): string {
  const extra: string[] = [];
  if (choices) extra.push(`選択肢: ${choices.join(" / ")}`);
  if (defaultValue !== undefined && showDefault) extra.push(`既定: ${defaultDescription ?? (typeof defaultValue === "string" ? defaultValue : JSON.stringify(defaultValue))}`);
  if (extra.length === 0) return description;
  return description ? `${description} (${extra.join("、")})` : `(${extra.join("、")})`;
}

interface HelpOption {
  description: string;
  argChoices?: string[] | undefined;
  defaultValue?: unknown;
  defaultValueDescription?: string | undefined;
  required: boolean;
  optional: boolean;
}

interface HelpArgument {
  description: string;
  argChoices?: string[] | undefined;
  defaultValue?: unknown;
  defaultValueDescription?: string | undefined;
}

/**
 * commander's help in Japanese (configureHelp; inherited by every subcommand): the headings (Usage/Options/Commands/
 * Arguments), the choices and defaults after a description, and 「[options]」「[command]」 in the usage line.
 */
export const JAPANESE_HELP = {
  styleTitle: (title: string): string => TITLES[title] ?? title,
  styleSubcommandTerm: (term: string): string => term.replace(/\[options\]/g, "[オプション]"),
  // Columns line up in a terminal: a full-width character (漢字・かな・全角) takes two columns.
  displayWidth: (text: string): number => [...text].reduce((width, ch) => width + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1), 0),
  styleUsage: (usage: string): string => usage.replace(/\[options\]/g, "[オプション]").replace(/\[command\]/g, "[コマンド]"),
  optionDescription: (option: HelpOption): string =>
    extraInfo(option.description, option.argChoices, option.defaultValue, option.required || option.optional, option.defaultValueDescription),
  argumentDescription: (argument: HelpArgument): string =>
    extraInfo(argument.description, argument.argChoices, argument.defaultValue, true, argument.defaultValueDescription),
};
