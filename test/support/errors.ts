import { expect } from "vitest";

/**
 * What the domain throws for a user's or data's fault, for `toThrow(…)` / `rejects.toThrow(…)`: a GyokakuError with code
 * invalid_input and, when given, the message (the exact text, or a pattern it must match).
 */
export function invalidInput(message?: string | RegExp): unknown {
  return expect.objectContaining({
    name: "GyokakuError",
    code: "invalid_input",
    ...(message === undefined ? {} : { message: typeof message === "string" ? message : expect.stringMatching(message) }),
  });
}
