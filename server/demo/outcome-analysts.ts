import type { DemoNetwork } from "./demo-network.js";
import { Random } from "./random.js";

/**
 * The demo's outcome analysts beyond one site (issue 5): a network analyst
 * (every site) and a state analyst (every site of Florida). Both see
 * aggregates with small cells suppressed and no child records. Their ids come
 * from a stream of their own so the rest of the network stays exactly as the
 * seed made it before these accounts existed (tests and the README quote
 * figures of that network).
 */
export function addOutcomeAnalysts(net: DemoNetwork, seed: number) {
  const random = new Random(seed ^ 0x5a17);
  const analysts = [
    {
      role: "network_analyst",
      siteCode: "CA-FRESNO",
      local: "network-analyst",
      given: "Noor",
      family: "Haddad",
      description: "Network outcomes analyst (all sites, small cells suppressed)",
    },
    {
      role: "state_analyst",
      siteCode: "FL-C13",
      local: "state-analyst",
      given: "Marcus",
      family: "Bell",
      description: "State outcomes analyst, Florida (small cells suppressed)",
    },
  ];
  for (const analyst of analysts) {
    const site = net.sites.find((s) => s.code === analyst.siteCode) ?? net.sites[0];
    const personId = random.uuid();
    const userId = random.uuid();
    net.persons.push({
      id: personId,
      site_id: site.id,
      given_name: analyst.given,
      family_name: analyst.family,
      preferred_name: null,
      birth_date: null,
      sex: null,
      email: null,
      phone: null,
      address_line1: null,
      city: null,
      postal_code: null,
      preferred_language: "en",
    });
    const email = `${analyst.local}@demo.qpi.example`;
    net.users.push({
      id: userId,
      person_id: personId,
      email,
      password_hash: null,
      status: "active",
      preferred_language: "en",
    });
    net.roleGrants.push({
      id: random.uuid(),
      user_id: userId,
      role_code: analyst.role,
      site_id: site.id,
      unit_id: null,
      starts_on: "2018-01-01",
    });
    net.demoAccounts.push({
      role: analyst.role,
      email,
      siteCode: site.code,
      personId,
      userId,
      description: analyst.description,
    });
  }
}
