import type { z } from "zod";
import type {
  ChildAbilities as ChildAbilitiesSchema,
  ChildView as ChildViewSchema,
} from "../../../server/modules/children/schema";

export interface ChildListItem {
  id: string;
  siteId: string;
  caseNumber: string;
  givenName: string;
  familyName: string;
  preferredName: string | null;
  birthDate: string | null;
  inCare: boolean;
  currentSetting: string | null;
  placedSince: string | null;
}

export interface ChildListResponse {
  children: ChildListItem[];
  total: number;
}

// The child's page and its abilities, as the server's zod schema says (types only, erased at build).
export type ChildAbilities = z.infer<typeof ChildAbilitiesSchema>;
export type ChildView = z.infer<typeof ChildViewSchema>;
