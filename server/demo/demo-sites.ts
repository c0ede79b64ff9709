import type { SiteTable } from "../db/database.js";

export interface DemoSiteSpec {
  code: string;
  name: string;
  stateCode: string;
  stateName: string;
  kind: SiteTable["kind"];
  timeZone: string;
  qpiLaunchDate: string;
  city: string;
  postalPrefix: string;
  areaCode: string;
  casePrefix: string;
  spanishShare: number;
  tribes: string[];
  /** The site whose accounts are printed as the demo sign-ins. */
  primary: boolean;
  offices: { name: string; units: string[] }[];
}

// Three QPI sites in three states. QPI launched in Florida in 2008 (the circuit's
// own start date here is illustrative); Minnesota's kick-off was October 24/25,
// 2017 (AspireMN); the Fresno date is illustrative. People and records are invented.
export const demoSites: DemoSiteSpec[] = [
  {
    code: "CA-FRESNO",
    name: "Fresno County",
    stateCode: "CA",
    stateName: "California",
    kind: "county",
    timeZone: "America/Los_Angeles",
    qpiLaunchDate: "2013-07-01",
    city: "Fresno",
    postalPrefix: "937",
    areaCode: "559",
    casePrefix: "FR",
    spanishShare: 0.45,
    tribes: ["Table Mountain Rancheria", "Picayune Rancheria of the Chukchansi Indians", "Big Sandy Rancheria"],
    primary: true,
    offices: [
      { name: "Central Office", units: ["Emergency Response", "Family Reunification"] },
      { name: "Southeast Office", units: ["Permanency Planning"] },
    ],
  },
  {
    code: "FL-C13",
    name: "Thirteenth Judicial Circuit (Hillsborough)",
    stateCode: "FL",
    stateName: "Florida",
    kind: "judicial_circuit",
    timeZone: "America/New_York",
    qpiLaunchDate: "2011-10-01",
    city: "Tampa",
    postalPrefix: "336",
    areaCode: "813",
    casePrefix: "HC",
    spanishShare: 0.25,
    tribes: ["Seminole Tribe of Florida", "Miccosukee Tribe"],
    primary: false,
    offices: [{ name: "Tampa Office", units: ["Case Management North", "Case Management South"] }],
  },
  {
    code: "MN-HENNEPIN",
    name: "Hennepin County",
    stateCode: "MN",
    stateName: "Minnesota",
    kind: "county",
    timeZone: "America/Chicago",
    qpiLaunchDate: "2017-10-24",
    city: "Minneapolis",
    postalPrefix: "554",
    areaCode: "612",
    casePrefix: "HN",
    spanishShare: 0.08,
    tribes: ["Red Lake Nation", "Leech Lake Band of Ojibwe", "White Earth Nation"],
    primary: false,
    offices: [{ name: "Health Services Building", units: ["Child Protection Intake", "Ongoing Case Management"] }],
  },
];
