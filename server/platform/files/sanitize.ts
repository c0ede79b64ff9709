/**
 * Metadata removal for photos, done on the bytes (no decoding, so the picture itself is unchanged bit for bit).
 *
 * JPEG: keeps only what rendering needs — the quantisation and Huffman tables, the frame and scan headers, restart
 * intervals, the entropy-coded data, APP0 (JFIF: pixel aspect), APP2 ICC_PROFILE (colour) and APP14 Adobe (colour
 * transform of CMYK/YCCK files). Every other APPn segment (APP1 EXIF with GPS, camera serials and dates, APP1 XMP,
 * APP13 Photoshop/IPTC, maker notes…) and every comment (COM) is dropped, and so is anything after the end-of-image
 * marker (trailers some phones append). The EXIF orientation, the one EXIF tag rendering depends on, is carried over
 * as a new minimal EXIF segment holding that tag alone, so a portrait photo still shows upright.
 *
 * PNG: drops the eXIf, tEXt, iTXt, zTXt and tIME chunks and anything after IEND; every other chunk is kept as is.
 *
 * A file whose structure does not parse is refused (MalformedFileError), never stored half-cleaned.
 */
export class MalformedFileError extends Error {}

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const APP0 = 0xe0;
const APP1 = 0xe1;
const APP2 = 0xe2;
const APP14 = 0xee;
const APP15 = 0xef;
const COM = 0xfe;

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, Math.min(bytes.length, start + length)));
}

/** The value of the EXIF Orientation tag (1–8) in an APP1 payload, if it has one. */
export function exifOrientation(payload: Uint8Array): number | undefined {
  if (ascii(payload, 0, 6) !== "Exif\0\0") return undefined;
  const tiff = payload.subarray(6);
  if (tiff.length < 8) return undefined;
  const order = ascii(tiff, 0, 2);
  if (order !== "II" && order !== "MM") return undefined;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const little = order === "II";
  const ifd = view.getUint32(4, little);
  if (ifd + 2 > tiff.length) return undefined;
  const count = view.getUint16(ifd, little);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return undefined;
    if (view.getUint16(entry, little) === 0x0112) {
      const value = view.getUint16(entry + 8, little);
      return value >= 1 && value <= 8 ? value : undefined;
    }
  }
  return undefined;
}

/** An APP1 segment holding only the EXIF Orientation tag. */
function orientationSegment(orientation: number): Uint8Array {
  const body = [
    ...[0x45, 0x78, 0x69, 0x66, 0x00, 0x00], // "Exif\0\0"
    ...[0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08], // big-endian TIFF header, IFD0 at 8
    ...[0x00, 0x01], // one entry
    ...[0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, orientation, 0x00, 0x00], // Orientation, SHORT, 1
    ...[0x00, 0x00, 0x00, 0x00], // no next IFD
  ];
  const length = body.length + 2;
  return Uint8Array.from([0xff, APP1, length >> 8, length & 0xff, ...body]);
}

function keepJpegSegment(marker: number, payload: Uint8Array): boolean {
  if (marker === COM) return false;
  if (marker < APP0 || marker > APP15) return true; // tables, frame, restart interval…
  if (marker === APP0) return ascii(payload, 0, 5) === "JFIF\0";
  if (marker === APP2) return ascii(payload, 0, 12) === "ICC_PROFILE\0";
  if (marker === APP14) return ascii(payload, 0, 5) === "Adobe";
  return false;
}

export function stripJpegMetadata(bytes: Uint8Array): Uint8Array {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== SOI) throw new MalformedFileError("no JPEG start");
  const out: Uint8Array[] = [bytes.subarray(0, 2)];
  let orientation: number | undefined;
  let orientationAt = -1; // where in `out` the orientation segment goes (after APP0 if there is one)
  let pos = 2;
  let sawScan = false;
  for (;;) {
    if (pos >= bytes.length) throw new MalformedFileError("JPEG ends before its end marker");
    if (bytes[pos] !== 0xff) throw new MalformedFileError(`no marker at ${pos}`);
    let marker = bytes[pos + 1]!;
    let markerStart = pos;
    while (marker === 0xff) {
      // fill bytes before a marker
      markerStart += 1;
      marker = bytes[markerStart + 1]!;
    }
    pos = markerStart + 2;
    if (marker === EOI) {
      if (!sawScan) throw new MalformedFileError("JPEG without image data");
      out.push(Uint8Array.from([0xff, EOI]));
      break; // anything after the end of the image is dropped
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      out.push(Uint8Array.from([0xff, marker]));
      continue;
    }
    if (pos + 2 > bytes.length) throw new MalformedFileError("truncated JPEG segment");
    const length = (bytes[pos]! << 8) | bytes[pos + 1]!;
    if (length < 2 || pos + length > bytes.length) throw new MalformedFileError("bad JPEG segment length");
    const payload = bytes.subarray(pos + 2, pos + length);
    const segment = bytes.subarray(markerStart, pos + length);
    pos += length;
    if (marker === APP1 && orientation === undefined) orientation = exifOrientation(payload);
    if (keepJpegSegment(marker, payload)) {
      out.push(segment);
      if (marker === APP0 && orientationAt < 0) orientationAt = out.length;
    }
    if (marker === SOS) {
      sawScan = true;
      // Entropy-coded data runs to the next marker that is not a stuffed 0xFF00 or a restart marker.
      const start = pos;
      while (pos < bytes.length) {
        if (bytes[pos] === 0xff) {
          const next = bytes[pos + 1];
          if (next === 0x00 || (next !== undefined && next >= 0xd0 && next <= 0xd7)) {
            pos += 2;
            continue;
          }
          if (next === 0xff) {
            pos += 1;
            continue;
          }
          break;
        }
        pos += 1;
      }
      out.push(bytes.subarray(start, pos));
    }
  }
  if (orientation !== undefined && orientation !== 1) {
    out.splice(orientationAt < 0 ? 1 : orientationAt, 0, orientationSegment(orientation));
  }
  return concat(out);
}

const PNG_DROPPED_CHUNKS = new Set(["eXIf", "tEXt", "iTXt", "zTXt", "tIME"]);

export function stripPngMetadata(bytes: Uint8Array): Uint8Array {
  const out: Uint8Array[] = [bytes.subarray(0, 8)];
  let pos = 8;
  let first = true;
  for (;;) {
    if (pos + 12 > bytes.length) throw new MalformedFileError("PNG ends before IEND");
    const length = ((bytes[pos]! << 24) >>> 0) + (bytes[pos + 1]! << 16) + (bytes[pos + 2]! << 8) + bytes[pos + 3]!;
    const type = ascii(bytes, pos + 4, 4);
    if (!/^[A-Za-z]{4}$/.test(type)) throw new MalformedFileError("bad PNG chunk type");
    if (first && type !== "IHDR") throw new MalformedFileError("PNG does not start with IHDR");
    first = false;
    const end = pos + 12 + length;
    if (end > bytes.length) throw new MalformedFileError("truncated PNG chunk");
    if (!PNG_DROPPED_CHUNKS.has(type)) out.push(bytes.subarray(pos, end));
    pos = end;
    if (type === "IEND") break; // anything after IEND is dropped
  }
  return concat(out);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const total = parts.reduce((sum, p) => sum + p.length, 0);
  const result = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    result.set(part, at);
    at += part.length;
  }
  return result;
}
