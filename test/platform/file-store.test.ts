import { describe, expect, it } from "vitest";
import { AppError } from "../../server/platform/errors/app-error.js";
import {
  checkFile,
  detectFileType,
  exifOrientation,
  MAX_FILE_BYTES,
  stripJpegMetadata,
  stripPngMetadata,
} from "../../server/platform/files/index.js";
import {
  COMMENT,
  contains,
  exifSegment,
  exifWithGps,
  ICC_APP2,
  IPTC_APP13,
  JFIF_APP0,
  JPEG_IMAGE_SEGMENTS,
  jpeg,
  PDF,
  PNG_IEND,
  PNG_KEPT_CHUNK,
  PNG_SIGNATURE,
  PNG_TEXT_CHUNKS,
  png,
  pngChunk,
  XMP_APP1,
} from "./file-fixtures.js";

const base = { siteId: "s", uploadedBy: "u" };
function rejection(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error.fields[0]?.messageKey;
    throw error;
  }
  return undefined;
}

describe("type detection from the content", () => {
  it("recognises JPEG, PNG and PDF by their first bytes", () => {
    expect(detectFileType(jpeg())).toBe("image/jpeg");
    expect(detectFileType(png())).toBe("image/png");
    expect(detectFileType(PDF)).toBe("application/pdf");
  });

  it("refuses everything else, whatever it is called", () => {
    const others = {
      gif: Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;", "latin1"),
      webp: Buffer.from("RIFF\x1a\x00\x00\x00WEBPVP8 ", "latin1"),
      svg: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      html: Buffer.from("<!doctype html><p>hi"),
      zip: Buffer.from("PK\x03\x04\x14\x00", "latin1"),
      exe: Buffer.from("MZ\x90\x00\x03\x00", "latin1"),
      heic: Buffer.from("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00", "latin1"),
      pdfLater: Buffer.from("junk%PDF-1.4", "latin1"),
    };
    for (const [name, content] of Object.entries(others)) {
      expect(detectFileType(content), name).toBeUndefined();
      expect(
        rejection(() => checkFile({ ...base, bytes: content, fileName: `x.jpg` })),
        name,
      ).toBe("file.unsupported_type");
    }
  });

  it("refuses a file whose name or declared type disagrees with its content", () => {
    expect(rejection(() => checkFile({ ...base, bytes: png(), fileName: "photo.jpg" }))).toBe("file.type_mismatch");
    expect(rejection(() => checkFile({ ...base, bytes: jpeg(), declaredType: "image/png" }))).toBe(
      "file.type_mismatch",
    );
    expect(rejection(() => checkFile({ ...base, bytes: PDF, fileName: "report.exe" }))).toBe("file.type_mismatch");
    expect(checkFile({ ...base, bytes: jpeg(), fileName: "IMG_1.JPEG", declaredType: "image/jpg" }).contentType).toBe(
      "image/jpeg",
    );
    expect(checkFile({ ...base, bytes: PDF, fileName: "report", declaredType: "application/pdf" }).fileName).toBe(
      "report",
    );
  });

  it("refuses empty files and files over 10 MB, accepts exactly 10 MB", () => {
    expect(rejection(() => checkFile({ ...base, bytes: new Uint8Array() }))).toBe("file.empty");
    const big = new Uint8Array(MAX_FILE_BYTES + 1);
    big.set(PDF);
    expect(rejection(() => checkFile({ ...base, bytes: big }))).toBe("file.too_large");
    const limit = new Uint8Array(MAX_FILE_BYTES);
    limit.set(PDF);
    expect(checkFile({ ...base, bytes: limit }).byteSize).toBe(MAX_FILE_BYTES);
  });

  it("names the caller's field in the problem", () => {
    try {
      checkFile({ ...base, bytes: new Uint8Array([1]) }, "photo");
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).fields[0]).toMatchObject({ field: "photo", messageKey: "file.unsupported_type" });
      expect((error as AppError).status).toBe(400);
    }
  });

  it("keeps only the last part of the sender's file name, without control characters", () => {
    expect(checkFile({ ...base, bytes: PDF, fileName: "C:\\Users\\jane\\court\u0007 report.pdf" }).fileName).toBe(
      "court report.pdf",
    );
    expect(checkFile({ ...base, bytes: jpeg(), fileName: "../../" }).fileName).toBe("photo.jpg");
  });
});

describe("JPEG metadata removal", () => {
  it("drops an EXIF block with GPS coordinates, XMP, IPTC and comments, keeping the picture byte for byte", () => {
    const original = jpeg(exifSegment(), XMP_APP1, IPTC_APP13, COMMENT);
    expect(contains(original, "Canon")).toBe(true);
    expect(contains(original, "GPSLatitude")).toBe(true);
    const cleaned = checkFile({ ...base, bytes: original, fileName: "IMG_0001.jpg" });
    expect(Buffer.from(cleaned.bytes)).toEqual(Buffer.from(jpeg()));
    for (const text of ["Exif", "Canon", "GPSLatitude", "xmpmeta", "Photoshop", "Jane Doe", "Elm Street"])
      expect(contains(cleaned.bytes, text), text).toBe(false);
    // the picture: every segment from the quantisation table to the end of image, unchanged
    expect(Buffer.from(cleaned.bytes.subarray(2 + JFIF_APP0.length))).toEqual(Buffer.from(JPEG_IMAGE_SEGMENTS));
    expect(cleaned.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("keeps the colour profile and carries the orientation over as a minimal EXIF with no GPS", () => {
    for (const littleEndian of [false, true]) {
      const original = jpeg(exifSegment({ orientation: 6, littleEndian }), ICC_APP2);
      const cleaned = stripJpegMetadata(original);
      expect(contains(cleaned, "ICC_PROFILE")).toBe(true);
      expect(contains(cleaned, "Canon")).toBe(false);
      const at = Buffer.from(cleaned).indexOf(Buffer.from("Exif\0\0", "latin1"));
      expect(at).toBeGreaterThan(0);
      const length = (cleaned[at - 2]! << 8) | cleaned[at - 1]!;
      const payload = cleaned.subarray(at, at - 2 + length);
      expect(exifOrientation(payload)).toBe(6);
      expect(payload.length).toBeLessThan(40); // the orientation tag alone
      expect(exifOrientation(exifWithGps({ orientation: 6, littleEndian }))).toBe(6);
    }
  });

  it("drops data appended after the end of the image", () => {
    const original = Buffer.concat([jpeg(exifSegment()), Buffer.from("hidden trailer with GPS 36.74,-119.78")]);
    expect(Buffer.from(stripJpegMetadata(original))).toEqual(Buffer.from(jpeg()));
  });

  it("refuses a truncated JPEG instead of storing it half-cleaned", () => {
    const whole = jpeg(exifSegment());
    expect(rejection(() => checkFile({ ...base, bytes: whole.subarray(0, 60) }))).toBe("file.malformed");
    expect(rejection(() => checkFile({ ...base, bytes: whole.subarray(0, whole.length - 2) }))).toBe("file.malformed");
  });
});

describe("PNG metadata removal", () => {
  it("drops eXIf, tEXt, iTXt, zTXt and tIME chunks and keeps the rest byte for byte", () => {
    const original = png(PNG_KEPT_CHUNK, ...PNG_TEXT_CHUNKS);
    expect(contains(original, "GPS 36.7417")).toBe(true);
    const cleaned = checkFile({ ...base, bytes: original, fileName: "drawing.png" });
    expect(Buffer.from(cleaned.bytes)).toEqual(Buffer.from(png(PNG_KEPT_CHUNK)));
    for (const text of ["tEXt", "iTXt", "zTXt", "tIME", "eXIf", "GPS", "Jane Doe", "Canon"])
      expect(contains(cleaned.bytes, text), text).toBe(false);
  });

  it("drops data after IEND and refuses a PNG that does not start with IHDR or is cut short", () => {
    const original = Buffer.concat([png(), Buffer.from("trailing secrets")]);
    expect(Buffer.from(stripPngMetadata(original))).toEqual(Buffer.from(png()));
    const noHeader = Buffer.concat([PNG_SIGNATURE, pngChunk("tEXt", Buffer.from("a\0b")), PNG_IEND]);
    expect(rejection(() => checkFile({ ...base, bytes: noHeader }))).toBe("file.malformed");
    const whole = png();
    expect(rejection(() => checkFile({ ...base, bytes: whole.subarray(0, whole.length - 5) }))).toBe("file.malformed");
  });
});

describe("PDF", () => {
  it("is stored as sent (no photo metadata to remove)", () => {
    expect(Buffer.from(checkFile({ ...base, bytes: PDF }).bytes)).toEqual(Buffer.from(PDF));
  });
});
