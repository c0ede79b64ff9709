import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../server/platform/errors/app-error.js";
import { deleteStoredFile, readStoredFile, storeFile } from "../../server/platform/files/index.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { contains, exifSegment, jpeg, PDF, PNG_TEXT_CHUNKS, png, XMP_APP1 } from "./file-fixtures.js";

// The file store on the engine under test: bytes kept as bytea, metadata gone before they reach the database, the
// constraints refuse what the code would never send.
let database: TestDatabase;
let siteId: string;
let userId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  await db
    .insertInto("network_state")
    .values({ code: "CA", name: "California" })
    .onConflict((c) => c.doNothing())
    .execute();
  const site = await db
    .insertInto("site")
    .values({
      code: "FILES-TEST",
      name: "Files test",
      state_code: "CA",
      kind: "county",
      time_zone: "America/Los_Angeles",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  siteId = site.id;
  const person = await db
    .insertInto("person")
    .values({ site_id: siteId, given_name: "Fay", family_name: "Files" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const user = await db
    .insertInto("user_account")
    .values({ person_id: person.id, email: "files@test.example" })
    .returning("id")
    .executeTakeFirstOrThrow();
  userId = user.id;
}, 120_000);
afterAll(async () => {
  await database?.close();
});

describe("stored files", () => {
  it("keeps a photo without its EXIF GPS block and gives back exactly the cleaned bytes", async () => {
    const original = jpeg(exifSegment({ orientation: 3 }), XMP_APP1);
    const info = await storeFile(database.db, {
      siteId,
      uploadedBy: userId,
      bytes: original,
      fileName: "IMG_2041.jpg",
      declaredType: "image/jpeg",
    });
    expect(info).toMatchObject({ contentType: "image/jpeg", fileName: "IMG_2041.jpg" });
    const stored = await readStoredFile(database.db, info.id);
    expect(stored?.bytes.length).toBe(info.byteSize);
    expect(contains(stored!.bytes, "GPSLatitude")).toBe(false);
    expect(contains(stored!.bytes, "Canon")).toBe(false);
    expect(stored!.bytes.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
    const raw = await sql<{
      n: number;
    }>`SELECT octet_length(content) AS n FROM stored_file WHERE id = ${info.id}`.execute(database.db);
    expect(Number(raw.rows[0]!.n)).toBe(info.byteSize);
  });

  it("keeps PNG and PDF files; deletes one", async () => {
    const image = await storeFile(database.db, { siteId, uploadedBy: userId, bytes: png(...PNG_TEXT_CHUNKS) });
    expect(Buffer.from((await readStoredFile(database.db, image.id))!.bytes)).toEqual(Buffer.from(png()));
    const doc = await storeFile(database.db, { siteId, uploadedBy: userId, bytes: PDF, fileName: "plan.pdf" });
    expect((await readStoredFile(database.db, doc.id))!.info.contentType).toBe("application/pdf");
    await deleteStoredFile(database.db, doc.id);
    expect(await readStoredFile(database.db, doc.id)).toBeUndefined();
  });

  it("writes nothing for a refused file", async () => {
    const before = await database.db.selectFrom("stored_file").select(sql<number>`count(*)`.as("n")).executeTakeFirst();
    await expect(
      storeFile(database.db, { siteId, uploadedBy: userId, bytes: Buffer.from("<svg/>"), fileName: "a.png" }),
    ).rejects.toBeInstanceOf(AppError);
    const after = await database.db.selectFrom("stored_file").select(sql<number>`count(*)`.as("n")).executeTakeFirst();
    expect(Number(after!.n)).toBe(Number(before!.n));
  });

  it("the table refuses other types and sizes that disagree with the bytes", async () => {
    const row = {
      site_id: siteId,
      uploaded_by: userId,
      sha256: "0".repeat(64),
      file_name: "x",
    };
    await expect(
      database.db
        .insertInto("stored_file")
        .values({ ...row, content_type: "text/html" as never, byte_size: 3, content: Buffer.from("<p>") })
        .execute(),
    ).rejects.toThrow();
    await expect(
      database.db
        .insertInto("stored_file")
        .values({ ...row, content_type: "application/pdf", byte_size: 99, content: Buffer.from(PDF) })
        .execute(),
    ).rejects.toThrow();
  });
});
