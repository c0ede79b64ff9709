import { callerRoute, denied } from "../expect.js";
import type { RoutePolicy } from "../policy-types.js";

/**
 * The training library (training:read): caregivers and the staff who support them search and read it; recording
 * one's own hours (training:complete) is the caregiver's. The items are the catalogue migration 0700 seeds.
 */
const readers = ["caregiver", "caseworker", "supervisor", "rfa_worker", "qpi_coordinator"] as const;
const summaryFields = ["code", "format", "topic", "ageMin", "ageMax", "creditHours", "title", "summary"];
const progressFields = ["year", "stateCode", "requirement", "earnedHours", "owedHours", "completions"];

export const policies: RoutePolicy[] = [
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
