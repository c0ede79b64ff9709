export interface PracticeTask {
  id: string;
  childId: string;
  childName: string;
  practice: string;
  status: "open" | "completed" | "not_required";
  dueAt: string | null;
  dueOn: string | null;
  overdue: boolean;
  notRequiredReason: string | null;
  completedAt: string | null;
  completedByName: string | null;
  onTime: boolean | null;
  outcome: string | null;
  details: Record<string, unknown>;
  ruleSource: string;
  ruleNote: string;
  version: number;
}

export interface Placement {
  id: string;
  householdId: string | null;
  householdName: string | null;
  setting: string;
  startDate: string;
  endDate: string | null;
  changeKind: string;
  requestedBy: string | null;
  reason: string | null;
  transitionSteps: { description: string; on: string }[] | null;
}

export interface PlacementHistory {
  childId: string;
  icwa: boolean;
  episodes: {
    id: string;
    removalDate: string;
    removalReason: string;
    exitDate: string | null;
    exitReason: string | null;
    version: number;
    placements: Placement[];
  }[];
  team: { id: string; name: string; role: string; startsOn: string; endsOn: string | null }[];
  relations: { personId: string; name: string; kind: string }[];
  households: { id: string; name: string; kind: string }[];
}

export interface Hearing {
  id: string;
  hearingOn: string;
  hearingType: string;
  department: string;
  report: {
    submittedAt: string;
    submittedByName: string;
    body: string;
    receivedAt: string | null;
    forwardedToCourt: boolean;
  } | null;
}
