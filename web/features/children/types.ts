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
