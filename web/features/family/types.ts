import type { z } from "zod";
import type { FamilyChildren, MyChild, YouthPage } from "../../../server/modules/family/schema";

// The API's own zod schemas, as types only (erased at build).
export type FamilyChildrenView = z.infer<typeof FamilyChildren>;
export type MyChildView = z.infer<typeof MyChild>;
export type YouthPageView = z.infer<typeof YouthPage>;
