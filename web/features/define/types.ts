import type { z } from "zod";
import type { PublicSitePage } from "../../../server/modules/define/schema";

export type PublicSitePageView = z.infer<typeof PublicSitePage>;
