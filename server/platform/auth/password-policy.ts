import { AppError } from "../errors/app-error.js";
import { isCommonPassword } from "./common-passwords.js";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./passwords.js";

/**
 * NIST SP 800-63B §5.1.1.2: at least 8 characters, allow at least 64 (we
 * allow 128), no composition rules, refuse passwords known to be common.
 */
export function checkPasswordPolicy(password: string, field = "password"): void {
  if (password.length < PASSWORD_MIN_LENGTH)
    throw new AppError("validation", "error.validation", {}, [
      { field, messageKey: "validation.too_small.string", params: { minimum: PASSWORD_MIN_LENGTH } },
    ]);
  if (password.length > PASSWORD_MAX_LENGTH)
    throw new AppError("validation", "error.validation", {}, [
      { field, messageKey: "validation.too_big.string", params: { maximum: PASSWORD_MAX_LENGTH } },
    ]);
  if (isCommonPassword(password))
    throw new AppError("validation", "error.validation", {}, [{ field, messageKey: "validation.common_password" }]);
}
