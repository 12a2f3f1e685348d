import { describe, expect, it } from "vitest";
import { loginWaitSeconds, secondsUntilNextAttempt } from "../../src/domain/login-throttle.js";

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
