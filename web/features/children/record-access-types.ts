/** Shapes of the record-access routes (server/modules/children/share-schema.ts, access-log-schema.ts, report-schema.ts). */
export interface Share {
  id: string;
  userId: string;
  name: string;
  email: string;
  reason: string;
  startsOn: string;
  endsOn: string;
  status: "active" | "ended" | "revoked";
  grantedByName: string;
  grantedAt: string;
  revokedAt: string | null;
  revokedByName: string | null;
}

export interface AccessLogEntry {
  seq: number;
  occurredAt: string;
  actor: { userId: string; name: string } | null;
  roles: string[];
  action: string;
  outcome: "success" | "denied" | "failure";
  purpose: string | null;
  fieldClasses: string[];
}

export interface MaltreatmentReport {
  id: string;
  receivedOn: string;
  /** When the maltreatment happened, if the report says. */
  incidentOn: string | null;
  allegation: string;
  disposition: string;
  /** Absent unless the user may know who reported. */
  reporterName?: string | null;
  reporterRole?: string | null;
}

export interface CaregiverContact {
  householdId: string;
  householdName: string;
  addressLine1: string | null;
  city: string | null;
  postalCode: string | null;
  phone: string | null;
}
