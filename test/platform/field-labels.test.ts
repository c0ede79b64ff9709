import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { buildApp, type RouteSchemas } from "../../server/app.js";
import { openDatabase } from "../../server/db/engine.js";
import { completionByPractice } from "../../server/modules/children/task-schema.js";
import { fieldProblemOfZodIssue } from "../../server/platform/errors/zod-problems.js";
import { fieldPathsOf } from "../../server/platform/i18n/field-paths.js";
import { fieldMessage, knownFieldLabel, locales } from "../../server/platform/i18n/locale.js";

// Every field any route accepts (body, query string, path) has a label in every language, so a validation message
// can name it the way the form does. A new field without one fails here, listing it and the route that takes it.
const fields = new Map<string, string>();

beforeAll(async () => {
  const database = await openDatabase({ dataDir: "memory://" });
  const app = await buildApp({
    db: database.db,
    engine: database.kind,
    webDist: "/nonexistent",
    onRoute: (route) => {
      for (const part of ["body", "querystring", "params"] as const) {
        const schema = (route.schema as RouteSchemas | undefined)?.[part];
        if (!schema) continue;
        for (const path of fieldPathsOf(schema as z.ZodType))
          if (!fields.has(path)) fields.set(path, `${[route.method].flat().join(",")} ${route.url} (${part})`);
      }
    },
  });
  await app.ready();
  await app.close();
  await database.close();
  // A task's details are validated per practice after the route's own schema: they are fields of the form too.
  for (const [practice, schema] of Object.entries(completionByPractice))
    for (const path of fieldPathsOf(schema, "details"))
      if (!fields.has(path)) fields.set(path, `POST /api/tasks/:taskId/complete (${practice})`);
}, 120_000);
afterAll(() => fields.clear());

describe("field labels", () => {
  it("walks the routes' schemas (the walk itself finds nested fields)", () => {
    expect(fields.size).toBeGreaterThan(80);
    for (const path of ["email", "details.notes", "placement.startDate", "transitionSteps.description", "person.phone"])
      expect([...fields.keys()]).toContain(path);
  });

  it("label every field of every route in English and Spanish", () => {
    const missing = [...fields]
      .flatMap(([path, route]) =>
        locales.filter((l) => !knownFieldLabel(l, path)).map((l) => `${l} ${path} — ${route}`),
      )
      .sort();
    expect(missing, "add the labels to server/platform/i18n/field-labels.*.json").toEqual([]);
  });

  it("label the fields services name in their own checks, and the request as a whole", () => {
    for (const path of ["(body)", "(query)", "givenName", "unit", "site", "code", "area", "part", "measure"])
      for (const locale of locales) expect(knownFieldLabel(locale, path), `${locale} ${path}`).toBeTruthy();
  });

  it("word each kind of zod issue with the label and the limit, in both languages", () => {
    const notes = fieldProblemOfZodIssue(
      { code: "too_big", path: ["notes"], origin: "string", maximum: 4000, inclusive: true },
      ["details"],
    );
    expect(notes).toEqual({
      field: "details.notes",
      messageKey: "validation.too_big.string",
      params: { maximum: 4000 },
    });
    expect(fieldMessage("en", notes)).toBe("Notes can be at most 4,000 characters.");
    expect(fieldMessage("es", notes)).toBe("El campo «Notas» puede tener como máximo 4,000 caracteres.");
    const members = fieldProblemOfZodIssue({ code: "too_big", path: ["participants"], origin: "array", maximum: 20 }, [
      "details",
    ]);
    expect(fieldMessage("en", members)).toBe("Participants can have at most 20 items.");
    const missing = fieldProblemOfZodIssue({
      code: "invalid_type",
      path: ["placement", "startDate"],
      expected: "string",
      message: "Invalid input: expected string, received undefined",
    });
    expect(fieldMessage("en", missing)).toBe("Start date is required.");
    expect(fieldMessage("es", missing)).toBe("El campo «Fecha de inicio» es obligatorio.");
    const day = fieldProblemOfZodIssue({ code: "invalid_format", path: ["hearingOn"], format: "date" });
    expect(fieldMessage("en", day)).toBe("Hearing date must be a date (YYYY-MM-DD).");
    const small = fieldProblemOfZodIssue({ code: "too_small", path: ["dueAmount"], origin: "number", minimum: 1 });
    expect(fieldMessage("es", small)).toBe("El campo «Cantidad de tiempo» debe ser como mínimo 1.");
    // A module's own sentence that does not name the field gets the label in front; one that does is left alone.
    expect(
      fieldMessage("en", { field: "from", messageKey: "outcomes.from_after_to", params: { to: "2023-10-01" } }),
    ).toBe("From: Must be on or before 2023-10-01.");
    for (const locale of locales)
      for (const problem of [notes, members, missing, day, small])
        expect(fieldMessage(locale, problem)).not.toMatch(/\b(details|placement)\.|\{|validation\./);
  });
});
