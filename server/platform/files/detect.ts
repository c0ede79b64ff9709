/**
 * The kinds of file the platform accepts, recognised from the content's first bytes (magic numbers), never from the
 * name or the Content-Type the sender claims. Anything else — GIF, WebP, HEIC, SVG, HTML, ZIP, executables, text —
 * is refused.
 */
export const ACCEPTED_FILE_TYPES = ["image/jpeg", "image/png", "application/pdf"] as const;
export type AcceptedFileType = (typeof ACCEPTED_FILE_TYPES)[number];

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PDF_SIGNATURE = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  if (bytes.length < signature.length) return false;
  return signature.every((b, i) => bytes[i] === b);
}

/** The type the bytes are, by their signature; undefined for anything not accepted. */
export function detectFileType(bytes: Uint8Array): AcceptedFileType | undefined {
  // JPEG: SOI (FF D8) followed by the first marker's FF.
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  if (startsWith(bytes, PNG_SIGNATURE)) return "image/png";
  if (startsWith(bytes, PDF_SIGNATURE)) return "application/pdf";
  return undefined;
}

const TYPE_BY_EXTENSION: Record<string, AcceptedFileType> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  jfif: "image/jpeg",
  png: "image/png",
  pdf: "application/pdf",
};

/** The type a file name claims by its extension: undefined without one, "unknown" for one we do not accept. */
export function typeFromFileName(fileName: string): AcceptedFileType | "unknown" | undefined {
  const base = fileName.split(/[\\/]/).pop() ?? "";
  const dot = base.lastIndexOf(".");
  if (dot <= 0 || dot === base.length - 1) return undefined;
  return TYPE_BY_EXTENSION[base.slice(dot + 1).toLowerCase()] ?? "unknown";
}

/** A claimed Content-Type normalised (parameters and case dropped; image/jpg and image/pjpeg read as image/jpeg). */
export function normaliseDeclaredType(declared: string): string {
  const base = declared.split(";")[0]!.trim().toLowerCase();
  if (base === "image/jpg" || base === "image/pjpeg") return "image/jpeg";
  return base;
}
