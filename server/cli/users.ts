import crypto from "node:crypto";
import { addUser, disableUser } from "../modules/identity/index.js";
import { systemActor } from "../platform/access/actor.js";
import type { CliCommand } from "./command.js";
import { withDatabase } from "./with-database.js";

export const usersAddCommand: CliCommand = {
  name: "users add",
  summary: "Create a user with a role at a site",
  help: [
    "Options:",
    "  --email E          sign-in email (required)",
    "  --given-name G     (required)",
    "  --family-name F    (required)",
    "  --role R           caseworker, supervisor, rfa_worker, qpi_coordinator, site_admin, analyst, " +
      "caregiver, birth_parent, youth",
    "  --site CODE        site code, e.g. CA-FRESNO (required)",
    "  --unit NAME        unit name within the site (optional)",
    "  --language en|es   (default en)",
    "The password is read from the QPI_NEW_PASSWORD environment variable, or generated and printed once.",
  ].join("\n"),
  options: {
    email: { type: "string" },
    "given-name": { type: "string" },
    "family-name": { type: "string" },
    role: { type: "string" },
    site: { type: "string" },
    unit: { type: "string" },
    language: { type: "string" },
  },
  async run(values) {
    const generated = process.env.QPI_NEW_PASSWORD ? null : crypto.randomBytes(12).toString("base64url");
    return withDatabase(async (db) => {
      const user = await addUser(db, systemActor("qpi users add"), {
        email: String(values.email ?? ""),
        givenName: String(values["given-name"] ?? ""),
        familyName: String(values["family-name"] ?? ""),
        role: String(values.role ?? ""),
        siteCode: String(values.site ?? ""),
        unitName: values.unit as string | undefined,
        language: (values.language as "en" | "es" | undefined) ?? "en",
        password: process.env.QPI_NEW_PASSWORD ?? generated!,
      });
      console.log(`Created ${user.email} (${values.role} at ${values.site}).`);
      if (generated) console.log(`Password (shown once): ${generated}`);
    });
  },
};

export const usersDisableCommand: CliCommand = {
  name: "users disable",
  summary: "Disable a user and end all their sessions",
  help: "Usage: qpi users disable --email E",
  options: { email: { type: "string" } },
  async run(values) {
    return withDatabase(async (db) => {
      await disableUser(db, systemActor("qpi users disable"), String(values.email ?? ""));
      console.log(`Disabled ${values.email}; their sessions are ended.`);
    });
  },
};
