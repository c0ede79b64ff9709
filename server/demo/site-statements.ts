import type { Transaction } from "kysely";
import type { Database } from "../db/database.js";
import type { StatementKind } from "../modules/define/index.js";
import type { DemoNetwork } from "./demo-network.js";
import { addDaysIso } from "./site-statement-days.js";

/**
 * Each demo site's brand statement and promises to caregivers: an earlier adopted version kept, the version in
 * force, and (for one site) a draft in progress. Written for this project in the spirit of QPI brand statements;
 * no site adopted these words. Minnesota's promises have no Spanish yet, so the public page shows it as missing.
 */
const brand = {
  v1: {
    en: "Every child deserves a family who loves them and a team that works together for them.",
    es: "Cada niño y niña merece una familia que le quiera y un equipo que trabaje unido por él o ella.",
  },
  v2: {
    en: "Children do best with families. We and our caregivers work as partners with each child's parents, so that every child is safe, loved and keeps the people who matter to them.",
    es: "Los niños y niñas están mejor en familia. Nosotros y nuestras familias de acogida trabajamos como socios con los padres de cada niño, para que cada uno esté seguro, sea querido y conserve a las personas que le importan.",
  },
};

const promises = {
  en: "We answer your calls and messages within one working day. We tell you what we know about a child before or at placement. We invite you to every team meeting about the children in your home. We pay on time and explain any change. We ask what you think, and we act on it.",
  es: "Respondemos a sus llamadas y mensajes en un día laborable. Le contamos lo que sabemos de un niño o niña antes de la colocación o al momento de ella. Le invitamos a cada reunión del equipo sobre los niños de su hogar. Pagamos a tiempo y le explicamos cualquier cambio. Le preguntamos su opinión y actuamos en consecuencia.",
};

interface Row {
  kind: StatementKind;
  version: number;
  body_en: string;
  body_es: string | null;
  adopted_on: string | null;
  participants: string | null;
}

export async function seedSiteStatements(trx: Transaction<Database>, net: DemoNetwork) {
  for (const site of net.sites) {
    if (!site.qpi_launch_date) continue;
    const launch = site.qpi_launch_date;
    const rows: Row[] = [
      {
        kind: "brand_statement",
        version: 1,
        body_en: brand.v1.en,
        body_es: brand.v1.es,
        adopted_on: launch,
        participants: "Steering committee (launch meeting)",
      },
      {
        kind: "brand_statement",
        version: 2,
        body_en: brand.v2.en,
        body_es: brand.v2.es,
        adopted_on: addDaysIso(launch, 180),
        participants: "Steering committee; caregiver focus group; birth parent and youth advisory groups",
      },
      {
        kind: "caregiver_promises",
        version: 1,
        body_en: promises.en,
        body_es: site.code === "MN-HENNEPIN" ? null : promises.es,
        adopted_on: addDaysIso(launch, 180),
        participants: "Steering committee; caregiver focus group",
      },
    ];
    if (site.code === "CA-FRESNO")
      rows.push({
        kind: "brand_statement",
        version: 3,
        body_en: "Draft: Children do best with families, and families do best with partners.",
        body_es: null,
        adopted_on: null,
        participants: null,
      });
    await trx
      .insertInto("site_statement")
      .values(rows.map((r) => ({ ...r, site_id: site.id })))
      .execute();
  }
}
