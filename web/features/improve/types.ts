import type { z } from "zod";
import type { ConcernRaise, MyConcerns, SiteConcerns } from "../../../server/modules/improve/concern-schema";

// The API's own zod schemas, as types only (erased at build).
export type MyConcernsView = z.infer<typeof MyConcerns>;
export type MyConcernView = MyConcernsView["concerns"][number];
export type SiteConcernsView = z.infer<typeof SiteConcerns>;
export type SiteConcernView = SiteConcernsView["concerns"][number];
export type ConcernRaiseInput = z.infer<typeof ConcernRaise>;
