import { callerRoute, denied, hidden, siteRoute } from "../expect.js";
import type { RoutePolicy } from "../policy-types.js";

/**
 * The training library (training:read): caregivers and the staff who support them search and read it; recording
 * one's own hours (training:complete) is the caregiver's. The items are the catalogue migration 0700 seeds.
 */
const readers = ["caregiver", "caseworker", "supervisor", "rfa_worker", "qpi_coordinator"] as const;
const summaryFields = ["code", "format", "topic", "ageMin", "ageMax", "creditHours", "title", "summary"];
const progressFields = ["year", "stateCode", "requirement", "earnedHours", "owedHours", "completions"];

/** A one-item library CSV with a code of its own (each import call adds a new item to the site's library). */
const csv = () =>
  "code,format,topic,age_min,age_max,credit_hours,title_en,title_es,summary_en,summary_es,body_en,body_es\n" +
  `POLICY-${Math.random().toString(36).slice(2, 10)},tip_sheet,self_care,0,21,0.25,Policy item,Material de prueba,` +
  "A short item.,Un material breve.,Text.,Texto.\n";

export const policies: RoutePolicy[] = [
  {
    route: "POST /api/training/import/preview",
    target: "site",
    build: (t) => ({ url: "/api/training/import/preview", payload: { siteId: t.siteId, csv: csv() } }),
    anonymous: 401,
    // The site's QPI coordinator, at their own site; another site's is 404.
    expect: siteRoute(["qpi_coordinator"], { status: 200, fields: ["items"] }),
    otherwise: hidden,
  },
  {
    route: "POST /api/training/import",
    target: "site",
    build: (t) => ({ url: "/api/training/import", payload: { siteId: t.siteId, csv: csv() } }),
    anonymous: 401,
    expect: siteRoute(["qpi_coordinator"], { status: 200, fields: ["imported"] }),
    otherwise: hidden,
    mutates: true,
  },
  {
    route: "GET /api/training/search",
    target: "none",
    build: () => ({ url: "/api/training/search?q=sleepover" }),
    anonymous: 401,
    expect: callerRoute([...readers], { status: 200, fields: ["results"] }),
    otherwise: denied,
  },
  {
    route: "GET /api/training/items/:code",
    target: "none",
    build: () => ({ url: "/api/training/items/TS-RPP-SLEEPOVER" }),
    anonymous: 401,
    expect: callerRoute([...readers], { status: 200, fields: [...summaryFields, "paragraphs", "completedOn"] }),
    otherwise: denied,
  },
  {
    route: "GET /api/training/progress",
    target: "none",
    build: () => ({ url: "/api/training/progress" }),
    anonymous: 401,
    expect: callerRoute(["caregiver"], { status: 200, fields: progressFields }),
    otherwise: denied,
  },
  {
    route: "GET /api/training/recommended",
    target: "none",
    build: () => ({ url: "/api/training/recommended" }),
    anonymous: 401,
    expect: callerRoute(["caregiver"], { status: 200, fields: ["owedHours", "items"] }),
    otherwise: denied,
  },
  {
    route: "POST /api/training/items/:code/attest",
    target: "none",
    build: () => ({ url: "/api/training/items/TS-SELF-CARE/attest", payload: { attested: true } }),
    anonymous: 401,
    expect: callerRoute(["caregiver"], { status: 200, fields: progressFields }),
    otherwise: denied,
    mutates: true,
  },
];
