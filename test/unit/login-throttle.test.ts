import { describe, expect, it } from "vitest";
import { loginWaitSeconds, secondsUntilNextAttempt, throttleKeys } from "../../src/domain/login-throttle.js";
import { passwordProblem } from "../../src/domain/password-policy.js";
import { safeNextPath } from "../../src/web/next-path.js";

describe("login throttle", () => {
  it("lets the first four wrong passwords through without waiting", () => {
    for (let n = 0; n <= 4; n++) expect(loginWaitSeconds(n)).toBe(0);
  });

  it("makes the account wait 30 s after five failures in a row, doubling after each further failure", () => {
    expect(loginWaitSeconds(5)).toBe(30);
    expect(loginWaitSeconds(6)).toBe(60);
    expect(loginWaitSeconds(7)).toBe(120);
  });

  it("never makes anyone wait longer than 15 minutes", () => {
    expect(loginWaitSeconds(20)).toBe(900);
    expect(loginWaitSeconds(10_000)).toBe(900);
  });

  it("counts the wait from the last failure", () => {
    const last = new Date("2026-04-01T09:00:00+09:00");
    expect(secondsUntilNextAttempt(5, last, new Date("2026-04-01T09:00:10+09:00"))).toBe(20);
    expect(secondsUntilNextAttempt(5, last, new Date("2026-04-01T09:00:30+09:00"))).toBe(0);
    expect(secondsUntilNextAttempt(4, last, last)).toBe(0);
  });
});

describe("lockout policy and passwords (issue 14 points 7 and 9)", () => {
  it("counts an attempt under the account from this address (5), the account (20) and the address (50)", () => {
    expect(throttleKeys("admin", "10.0.0.1")).toEqual([
      { scope: "account-address", key: "account-address:admin@10.0.0.1", freeAttempts: 5 },
      { scope: "account", key: "account:admin", freeAttempts: 20 },
      { scope: "address", key: "address:10.0.0.1", freeAttempts: 50 },
    ]);
    expect(loginWaitSeconds(19, 20)).toBe(0);
    expect(loginWaitSeconds(20, 20)).toBe(30);
  });
  it("refuses common passwords of ten characters or more", () => {
    expect(passwordProblem("1234567890", "soumu")).toBe("よく使われていて推測されやすいパスワードです。別のパスワードにしてください");
    expect(passwordProblem("password12", "soumu")).toBe("よく使われていて推測されやすいパスワードです。別のパスワードにしてください");
    expect(passwordProblem("correct-horse-battery", "soumu")).toBeNull();
  });
  it("sends back after login only to a path on this site", () => {
    expect(safeNextPath("/staffing?year=2025#x")).toBe("/staffing?year=2025#x");
    for (const bad of ["/\\host", "/%09/host", "/%5chost", "//host", "https://host/", "", undefined, "/%E0%A4%A", "/login", "/.//evil.example", "/..//evil.example/path", "/%2e//evil.example", "/./%2e//evil.example", "/a/..//evil.example"]) expect(safeNextPath(bad)).toBe("/");
  });
});
