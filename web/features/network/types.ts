import type { z } from "zod";
import type { SiteDetail, SiteList } from "../../../server/modules/network/schema";

// The API's own zod schemas, as types only (erased at build).
export type SiteListView = z.infer<typeof SiteList>;
export type SiteDetailView = z.infer<typeof SiteDetail>;
