import { deflateSync } from "node:zlib";

// Real files built byte by byte for the file-store tests: a baseline JPEG (an 8×8 grey picture any decoder shows),
// EXIF blocks with GPS coordinates, XMP, PNGs with text and EXIF chunks, a PDF.

const bytes = (...parts: (number[] | Uint8Array | string)[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === "string" ? [...Buffer.from(p, "latin1")] : [...p])));

function segment(marker: number, payload: Uint8Array): Uint8Array {
  const length = payload.length + 2;
  return bytes([0xff, marker, length >> 8, length & 0xff], payload);
}

export const JFIF_APP0 = segment(0xe0, bytes("JFIF\0", [1, 1, 0, 0, 1, 0, 1, 0, 0]));

/** The picture itself: quantisation and Huffman tables, frame, scan and its entropy-coded data, end of image. */
export const JPEG_IMAGE_SEGMENTS = bytes(
  segment(0xdb, bytes([0x00], new Array(64).fill(1))), // DQT, table 0, all ones
  segment(0xc0, bytes([8, 0, 8, 0, 8, 1, 1, 0x11, 0])), // SOF0 8×8, one component
  segment(0xc4, bytes([0x00, 1, ...new Array(15).fill(0), 0x00])), // DHT DC 0: one code "0" → category 0
  segment(0xc4, bytes([0x10, 1, ...new Array(15).fill(0), 0x00])), // DHT AC 0: one code "0" → end of block
  segment(0xda, bytes([1, 1, 0x00, 0, 63, 0])), // SOS
  [0x3f], // DC diff 0, EOB, padded with ones
  [0xff, 0xd9], // EOI
);

/** A TIFF/EXIF APP1 payload with IFD0 (Make, Orientation, GPS pointer) and a GPS IFD (latitude and longitude). */
export function exifWithGps(options: { orientation?: number; littleEndian?: boolean } = {}): Uint8Array {
  const le = options.littleEndian ?? false;
  const tiff = Buffer.alloc(200);
  const u16 = (at: number, v: number) => (le ? tiff.writeUInt16LE(v, at) : tiff.writeUInt16BE(v, at));
  const u32 = (at: number, v: number) => (le ? tiff.writeUInt32LE(v, at) : tiff.writeUInt32BE(v, at));
  tiff.write(le ? "II" : "MM", 0, "latin1");
  u16(2, 42);
  u32(4, 8);
  // IFD0 at 8: three entries
  const entries: [number, number, number, number][] = [[0x010f, 2, 6, 110]]; // Make "Canon\0" at 110
  if (options.orientation) entries.push([0x0112, 3, 1, options.orientation]);
  entries.push([0x8825, 4, 1, 120]); // GPS IFD at 120
  u16(8, entries.length);
  entries.forEach(([tag, type, count, value], i) => {
    const at = 10 + i * 12;
    u16(at, tag);
    u16(at + 2, type);
    u32(at + 4, count);
    if (type === 3) u16(at + 8, value);
    else u32(at + 8, value);
  });
  u32(10 + entries.length * 12, 0);
  tiff.write("Canon\0", 110, "latin1");
  // GPS IFD at 120: GPSLatitudeRef "N", GPSLatitude at 170 (3 rationals), GPSLongitudeRef "W"
  u16(120, 3);
  const gps: [number, number, number, number][] = [
    [0x0001, 2, 2, 0x4e000000], // "N\0" inline
    [0x0002, 5, 3, 160],
    [0x0003, 2, 2, 0x57000000], // "W\0" inline
  ];
  gps.forEach(([tag, type, count, value], i) => {
    const at = 122 + i * 12;
    u16(at, tag);
    u16(at + 2, type);
    u32(at + 4, count);
    if (type === 2) tiff.writeUInt32BE(value, at + 8);
    else u32(at + 8, value);
  });
  u32(158, 0);
  [36, 1, 44, 1, 3012, 100].forEach((v, i) => u32(160 + i * 4, v)); // 36° 44' 30.12"
  return bytes("Exif\0\0", tiff.subarray(0, 184));
}

export const XMP_APP1 = segment(
  0xe1,
  bytes(
    "http://ns.adobe.com/xap/1.0/\0",
    '<x:xmpmeta><rdf:Description exif:GPSLatitude="36,44.502N" xmp:CreatorTool="Phone"/></x:xmpmeta>',
  ),
);
export const IPTC_APP13 = segment(0xed, bytes("Photoshop 3.0\0", "8BIM\x04\x04\0\0\0\0\0\x0cBy Jane Doe"));
export const COMMENT = segment(0xfe, bytes("taken at 123 Elm Street"));
export const ICC_APP2 = segment(0xe2, bytes("ICC_PROFILE\0", [1, 1], "fake-profile-bytes"));

export function jpeg(...metadata: Uint8Array[]): Uint8Array {
  return bytes([0xff, 0xd8], JFIF_APP0, ...metadata, JPEG_IMAGE_SEGMENTS);
}
export const exifSegment = (options?: { orientation?: number; littleEndian?: boolean }) =>
  segment(0xe1, exifWithGps(options));

// PNG

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of data) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(bytes(head.subarray(4), data)), 0);
  return bytes(head, data, crc);
}

export const PNG_SIGNATURE = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ihdr = () => {
  const b = Buffer.alloc(13);
  b.writeUInt32BE(2, 0);
  b.writeUInt32BE(2, 4);
  b[8] = 8; // bit depth
  b[9] = 2; // truecolour
  return pngChunk("IHDR", b);
};
// 2×2 red pixels: each row a filter byte then RGB.
const idat = () => pngChunk("IDAT", deflateSync(Buffer.from([0, 255, 0, 0, 255, 0, 0, 0, 255, 0, 0, 255, 0, 0])));
export const PNG_IEND = pngChunk("IEND", new Uint8Array());

export function png(...metadata: Uint8Array[]): Uint8Array {
  return bytes(PNG_SIGNATURE, ihdr(), ...metadata, idat(), PNG_IEND);
}
export const PNG_TEXT_CHUNKS = [
  pngChunk("tEXt", bytes("Comment\0GPS 36.7417 -119.7871")),
  pngChunk("iTXt", bytes("Author\0\0\0\0\0Jane Doe")),
  pngChunk("zTXt", bytes("Location\0\0", deflateSync(Buffer.from("123 Elm Street")))),
  pngChunk("tIME", bytes([0x07, 0xea, 12, 4, 19, 30, 0])),
  pngChunk("eXIf", exifWithGps().subarray(6)),
];
export const PNG_KEPT_CHUNK = pngChunk("gAMA", bytes([0, 0, 0xb1, 0x8f]));

export const PDF = bytes(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n",
  "trailer<</Root 1 0 R>>\n%%EOF\n",
);

export const contains = (haystack: Uint8Array, needle: string): boolean =>
  Buffer.from(haystack).includes(Buffer.from(needle, "latin1"));
