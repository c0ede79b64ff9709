import { createHash } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/database.js";
import { invalid } from "../errors/app-error.js";
import { type AcceptedFileType, detectFileType, normaliseDeclaredType, typeFromFileName } from "./detect.js";
import { MalformedFileError, stripJpegMetadata, stripPngMetadata } from "./sanitize.js";
import "./tables.js";

/** The largest file the platform keeps: 10 MB. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export interface FileToStore {
  siteId: string;
  uploadedBy: string;
  bytes: Uint8Array;
  /** The name the sender gave; only its last path part is kept. */
  fileName?: string | undefined;
  /** The Content-Type the sender claimed, if any: must agree with the content. */
  declaredType?: string | undefined;
}

export interface CheckedFile {
  contentType: AcceptedFileType;
  bytes: Uint8Array;
  byteSize: number;
  sha256: string;
  fileName: string;
}

export interface StoredFileInfo {
  id: string;
  contentType: AcceptedFileType;
  byteSize: number;
  sha256: string;
  fileName: string;
  createdAt: string;
}

const DEFAULT_NAME: Record<AcceptedFileType, string> = {
  "image/jpeg": "photo.jpg",
  "image/png": "image.png",
  "application/pdf": "document.pdf",
};

/** The last path part of a sender's file name, without control or direction characters, at most 200 characters. */
export function cleanFileName(name: string | undefined, type: AcceptedFileType): string {
  const base = (name ?? "").split(/[\\/]/).pop() ?? "";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  const cleaned = base.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069"]/g, "").trim();
  return cleaned.length > 0 ? cleaned.slice(0, 200) : DEFAULT_NAME[type];
}

/**
 * Checks a file the way the store keeps it: not empty, at most 10 MB, a JPEG, PNG or PDF by its content, agreeing with
 * the type its name and the sender claim, and — for photos — structurally sound, with the metadata removed. Throws a
 * 400 naming `field` (a label key of the caller's form) otherwise.
 */
export function checkFile(input: FileToStore, field = "file"): CheckedFile {
  const fail = (messageKey: string, params: Record<string, string | number> = {}) =>
    invalid([{ field, messageKey, params }]);
  if (input.bytes.length === 0) throw fail("file.empty");
  if (input.bytes.length > MAX_FILE_BYTES) throw fail("file.too_large", { limit: "10 MB" });
  const detected = detectFileType(input.bytes);
  if (!detected) throw fail("file.unsupported_type");
  if (input.declaredType !== undefined && input.declaredType !== "application/octet-stream") {
    if (normaliseDeclaredType(input.declaredType) !== detected) throw fail("file.type_mismatch");
  }
  if (input.fileName !== undefined) {
    const byName = typeFromFileName(input.fileName);
    if (byName !== undefined && byName !== detected) throw fail("file.type_mismatch");
  }
  let bytes: Uint8Array;
  try {
    if (detected === "image/jpeg") bytes = stripJpegMetadata(input.bytes);
    else if (detected === "image/png") bytes = stripPngMetadata(input.bytes);
    else bytes = input.bytes;
  } catch (error) {
    if (error instanceof MalformedFileError) throw fail("file.malformed");
    throw error;
  }
  return {
    contentType: detected,
    bytes,
    byteSize: bytes.length,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    fileName: cleanFileName(input.fileName, detected),
  };
}

type Db = Kysely<Database> | Transaction<Database>;

const infoColumns = ["id", "content_type", "byte_size", "sha256", "file_name", "created_at"] as const;

function toInfo(row: {
  id: string;
  content_type: AcceptedFileType;
  byte_size: number;
  sha256: string;
  file_name: string;
  created_at: Date;
}): StoredFileInfo {
  return {
    id: row.id,
    contentType: row.content_type,
    byteSize: row.byte_size,
    sha256: row.sha256,
    fileName: row.file_name,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/**
 * Checks (see checkFile) and stores a file in the caller's transaction. The store decides nothing about who may read
 * it: the calling module keeps the id on its own record and reads it back only through its scoped, audited service.
 */
export async function storeFile(db: Db, input: FileToStore, field = "file"): Promise<StoredFileInfo> {
  const checked = checkFile(input, field);
  const row = await db
    .insertInto("stored_file")
    .values({
      site_id: input.siteId,
      uploaded_by: input.uploadedBy,
      content_type: checked.contentType,
      byte_size: checked.byteSize,
      sha256: checked.sha256,
      file_name: checked.fileName,
      content: Buffer.from(checked.bytes.buffer, checked.bytes.byteOffset, checked.bytes.byteLength),
    })
    .returning(infoColumns)
    .executeTakeFirstOrThrow();
  return toInfo(row);
}

/** A stored file's bytes and description, by id (the caller has already decided the actor may read it). */
export async function readStoredFile(db: Db, id: string): Promise<{ info: StoredFileInfo; bytes: Buffer } | undefined> {
  const row = await db
    .selectFrom("stored_file")
    .select([...infoColumns, "content"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) return undefined;
  return { info: toInfo(row), bytes: Buffer.from(row.content) };
}

/** Removes a stored file (the caller has removed or is removing the record that held its id). */
export async function deleteStoredFile(db: Db, id: string): Promise<void> {
  await db.deleteFrom("stored_file").where("id", "=", id).execute();
}
