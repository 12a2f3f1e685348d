import type { GyokakuError } from "../domain/errors.js";

/**
 * What the CLI adds to a service's message about one of its inputs: services name the input by their own field
 * (GyokakuError details.field), never by a command or an option, because the same message is shown on the web. The
 * command line says which option or command that field is here.
 */
const FIELD_HINTS: Readonly<Record<string, string>> = {
  unitCodes: "--unit",
  year: "--year",
  // A new user trying the README's commands on 012246 before loading the demo is told how to get it.
  municipalityCode: "--municipality を確かめるか、先に gyokaku init で団体を登録してください。デモ団体(012246 千歳市)は gyokaku demo で読み込めます",
};

/** The message of a service's error as the CLI prints it: with the option its field is given by, when there is one. */
export function cliMessage(error: GyokakuError): string {
  const field = error.details["field"];
  const hint = typeof field === "string" ? FIELD_HINTS[field] : undefined;
  return hint === undefined ? error.message : `${error.message} (${hint})`;
}
