import { describe, expect, it } from "vitest";
import { commonPasswordCount, isCommonPassword } from "../../server/platform/auth/common-passwords.js";
import { checkPasswordPolicy } from "../../server/platform/auth/password-policy.js";

describe("password policy", () => {
  it("knows thousands of real common passwords", () => {
    expect(commonPasswordCount).toBeGreaterThan(9_000);
    for (const p of [
      "password",
      "Password123!",
      "iloveyou",
      "sunshine1",
      "trustno1",
      "qwertyuiop",
      "football2026",
      "1q2w3e4r5t",
      "michelle",
      "superman!",
    ]) {
      expect(isCommonPassword(p), p).toBe(true);
    }
  });

  it("accepts long personal passphrases and refuses lengths outside 8..128", () => {
    for (const p of [
      "tortillas con frijoles al amanecer",
      "qpi-demo-2026",
      "Kq9#vL2m!xR7",
      "my dog eats carrots at noon",
    ]) {
      expect(isCommonPassword(p), p).toBe(false);
      expect(() => checkPasswordPolicy(p)).not.toThrow();
    }
    expect(() => checkPasswordPolicy("Kq9#vL2")).toThrow();
    expect(() => checkPasswordPolicy("x".repeat(64) + "y".repeat(65))).toThrow();
    expect(() => checkPasswordPolicy("aaaaaaaaaaaa")).toThrow();
  });
});
