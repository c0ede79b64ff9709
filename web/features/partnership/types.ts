import type { z } from "zod";
import type { PartnershipPlan, PartnershipSign } from "../../../server/modules/partnership/schema";

// The API's own zod schemas, as types only (erased at build).
export type PartnershipPlanView = z.infer<typeof PartnershipPlan>;
export type PartnershipSignInput = z.infer<typeof PartnershipSign>;
