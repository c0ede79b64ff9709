import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { ActorView } from "../../server/modules/identity/actor-view";
import { ApiError, api, setCsrfToken } from "./api";

/** GET /api/auth/session, typed by the server's own schema (a type only: erased at build). */
export type SessionView = z.infer<typeof ActorView>;

export const sessionQueryKey = ["session"];

/** The signed-in user, or null when signed out. */
export function useSession() {
  return useQuery({
    queryKey: sessionQueryKey,
    queryFn: async () => {
      try {
        const session = await api<SessionView>("/api/auth/session");
        setCsrfToken(session.csrfToken);
        return session;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
          setCsrfToken(null);
          return null;
        }
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

/**
 * "Today" as the site counts it: its calendar day in its own time zone, from the server's clock (a browser's
 * clock and zone may differ). Without a site, the first site the user works in.
 */
export function useSiteToday(siteId?: string): string {
  const { data } = useSession();
  const role = data?.roles.find((r) => r.siteId === siteId) ?? data?.roles[0];
  return role?.today ?? new Date().toISOString().slice(0, 10);
}

/** The calendar day `days` after `day` ("YYYY-MM-DD"). */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api("/api/auth/sign-out", { method: "POST" }),
    onSettled: () => {
      setCsrfToken(null);
      client.clear();
      client.setQueryData(sessionQueryKey, null);
    },
  });
}

export function can(session: SessionView | null | undefined, ability: string): boolean {
  return Boolean(session?.abilities.includes(ability));
}

export function hasRole(session: SessionView | null | undefined, ...roles: string[]): boolean {
  return Boolean(session?.roles.some((r) => roles.includes(r.role)));
}
