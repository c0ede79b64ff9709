import { z } from "zod";

export const PublicSiteParams = z.object({ siteCode: z.string().trim().min(2).max(32) });

/** One adopted statement as the public reads it: the Spanish is null when the site has not written it. */
export const PublicStatement = z.object({
  version: z.number().int(),
  adoptedOn: z.string(),
  participants: z.string(),
  en: z.string(),
  es: z.string().nullable(),
});

/** A site's public page (no sign-in): what it stands for, what it promises caregivers, how to start. */
export const PublicSitePage = z.object({
  siteName: z.string(),
  siteCode: z.string(),
  brandStatement: PublicStatement.nullable(),
  caregiverPromises: PublicStatement.nullable(),
  /** The site's inquiry form for people thinking of becoming a resource family. */
  inquiryPath: z.string(),
});
export type PublicSitePage = z.infer<typeof PublicSitePage>;
