import { ChildHistories } from "./child-histories.js";
import type { DemoNetwork, GenerateOptions } from "./demo-network.js";
import { type DemoSiteSpec, demoSites } from "./demo-sites.js";
import { buildDemoFamilyAccounts } from "./family-accounts.js";
import { addMaltreatmentReports } from "./maltreatment-history.js";
import { addOutcomeAnalysts } from "./outcome-analysts.js";
import { Random } from "./random.js";
import { SiteContext } from "./site-context.js";
import { SiteHomes } from "./site-homes.js";
import { buildStaff } from "./site-staff.js";

export { calibration } from "./calibration.js";
export type { DemoAccount, DemoNetwork, GenerateOptions } from "./demo-network.js";

/**
 * A synthetic network of sites for demos and tests, the same for the same
 * seed: per site its staff (site-staff.ts), homes (site-homes.ts), children
 * with their histories (child-histories.ts) and the family sign-ins
 * (family-accounts.ts); then the network's analysts and maltreatment reports.
 */
export function generateDemoNetwork(options: GenerateOptions): DemoNetwork {
  const random = new Random(options.seed);
  const net: DemoNetwork = {
    states: [],
    sites: [],
    units: [],
    persons: [],
    users: [],
    roleGrants: [],
    households: [],
    householdMembers: [],
    children: [],
    childRelations: [],
    episodes: [],
    placements: [],
    teamMembers: [],
    reports: [],
    demoAccounts: [],
  };
  for (const spec of demoSites) {
    if (!net.states.some((s) => s.code === spec.stateCode))
      net.states.push({ code: spec.stateCode, name: spec.stateName });
    buildSite(net, random, spec, options);
  }
  addOutcomeAnalysts(net, options.seed);
  net.reports = addMaltreatmentReports(net, options);
  return net;
}

/** One site: its row, staff, homes, then families until it has its share of children. */
function buildSite(net: DemoNetwork, random: Random, spec: DemoSiteSpec, options: GenerateOptions) {
  const site = new SiteContext(net, random, spec, options);
  net.sites.push({
    id: site.siteId,
    code: spec.code,
    name: spec.name,
    state_code: spec.stateCode,
    kind: spec.kind,
    time_zone: spec.timeZone,
    qpi_launch_date: spec.qpiLaunchDate,
  });
  const staff = buildStaff(site);
  const homes = new SiteHomes(site);
  homes.build();
  const children = new ChildHistories(site, staff, homes);
  const childrenTarget = Math.max(12, Math.round(200 * options.scale));
  while (net.children.filter((c) => c.site_id === site.siteId).length < childrenTarget) children.buildFamily();
  buildDemoFamilyAccounts(site);
}

export function summarize(net: DemoNetwork): string {
  const inCare = new Set(net.placements.filter((p) => p.end_date == null).map((p) => p.child_id)).size;
  return (
    `${net.sites.length} sites, ${net.children.length} children (${inCare} in care now), ${net.episodes.length} ` +
    `removal episodes, ${net.placements.length} placements, ${net.reports.length} maltreatment reports, ` +
    `${net.households.length} households, ${net.users.length} user accounts`
  );
}
