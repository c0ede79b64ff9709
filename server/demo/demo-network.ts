import type { Insertable } from "kysely";
import type {
  ChildRelationTable,
  ChildTable,
  ChildTeamMemberTable,
  HouseholdMemberTable,
  HouseholdTable,
  PersonTable,
  PlacementTable,
  RemovalEpisodeTable,
  RoleGrantTable,
  SiteTable,
  UnitTable,
  UserAccountTable,
} from "../db/database.js";
import type { DemoReport } from "./maltreatment-history.js";

export type Row<T> = Insertable<T> & { id: string };

export interface DemoAccount {
  role: string;
  email: string;
  siteCode: string;
  personId: string;
  userId: string;
  description: string;
}

/** A generated network, table by table, ready to be written in one transaction (seed.ts). */
export interface DemoNetwork {
  states: { code: string; name: string }[];
  sites: Row<SiteTable>[];
  units: Row<UnitTable>[];
  persons: Row<PersonTable>[];
  users: Row<UserAccountTable>[];
  roleGrants: Row<RoleGrantTable>[];
  households: Row<HouseholdTable>[];
  householdMembers: Insertable<HouseholdMemberTable>[];
  children: Row<ChildTable>[];
  childRelations: Row<ChildRelationTable>[];
  episodes: Row<RemovalEpisodeTable>[];
  placements: Row<PlacementTable>[];
  teamMembers: Row<ChildTeamMemberTable>[];
  /** The case records' maltreatment reports (maltreatment-history.ts). */
  reports: DemoReport[];
  demoAccounts: DemoAccount[];
}

export interface GenerateOptions {
  seed: number;
  /** 1 ≈ 200 children a site; 0.25 for quick tests. */
  scale: number;
  /** The day the demo is "now"; histories end here. */
  asOf: string;
}
