/**
 * An identifier as bytes: a field of the chunk being parsed (valid during the
 * row's call only), or a string's bytes. The importer keys children, homes and
 * sibling groups by bytes (byte-keys.ts) and makes a string only for a message.
 */
export interface IdSpan {
  b: Uint8Array;
  s: number;
  e: number;
}

export const spanText = (id: IdSpan) => Buffer.from(id.b.buffer, id.b.byteOffset + id.s, id.e - id.s).toString("utf8");

export function spanOf(text: string): IdSpan {
  const b = Buffer.from(text, "utf8");
  return { b, s: 0, e: b.length };
}

export const isEmpty = (id: IdSpan) => id.s === id.e;
