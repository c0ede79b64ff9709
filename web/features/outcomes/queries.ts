import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "react-router";
import { api } from "../../app/api";
import type { AreaListView, BeforeAfterView, CatalogueView, CompareView, DrillDownView, ReportView } from "./types";

const query = (params: Record<string, string | undefined>) => {
  const search = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1])));
  return search.toString();
};

export function useCatalogue() {
  return useQuery({
    queryKey: ["outcomes", "measures"],
    queryFn: () => api<CatalogueView>("/api/outcomes/measures"),
    staleTime: Infinity,
  });
}

export function useAreas() {
  return useQuery({ queryKey: ["outcomes", "areas"], queryFn: () => api<AreaListView>("/api/outcomes/areas") });
}

export function useReport(area: string | undefined, periodStart: string | undefined) {
  return useQuery({
    queryKey: ["outcomes", "report", area, periodStart],
    queryFn: () => api<ReportView>(`/api/outcomes/report?${query({ area, periodStart })}`),
    enabled: Boolean(area),
    placeholderData: keepPreviousData,
  });
}

export function useBeforeAfter(area: string | undefined) {
  return useQuery({
    queryKey: ["outcomes", "before-after", area],
    queryFn: () => api<BeforeAfterView>(`/api/outcomes/before-after?${query({ area })}`),
    enabled: Boolean(area),
  });
}

export function useCompare(measure: string, periodStart: string | undefined) {
  return useQuery({
    queryKey: ["outcomes", "compare", measure, periodStart],
    queryFn: () => api<CompareView>(`/api/outcomes/compare?${query({ measure, periodStart })}`),
    placeholderData: keepPreviousData,
  });
}

export function useDrillDown(
  params: { area?: string; measure?: string; periodStart?: string; part: string },
  enabled: boolean,
) {
  return useQuery({
    queryKey: ["outcomes", "children", params],
    queryFn: () => api<DrillDownView>(`/api/outcomes/children?${query(params)}`),
    enabled: enabled && Boolean(params.area && params.measure),
  });
}

export function csvHref(area: string, periodStart: string | undefined) {
  return `/api/outcomes/report.csv?${query({ area, periodStart })}`;
}

/**
 * The area and period in the address (?area=CODE&period=YYYY-MM-DD), so a
 * dashboard can be bookmarked, shared with a colleague or printed as it is.
 */
export function useAreaAndPeriod(areas: AreaListView | undefined) {
  const [params, setParams] = useSearchParams();
  const all = areas?.areas ?? [];
  const wanted = params.get("area");
  const area = all.find((a) => a.code === wanted) ?? all.find((a) => a.exact) ?? all[0];
  const period = params.get("period") ?? undefined;
  const select = (next: { area?: string; period?: string | null }) => {
    const merged = new URLSearchParams(params);
    if (next.area) merged.set("area", next.area);
    if (next.period === null) merged.delete("period");
    else if (next.period) merged.set("period", next.period);
    setParams(merged, { replace: true });
  };
  return { area, period, select, params };
}

export function searchOf(area: string | undefined, period: string | undefined) {
  return query({ area, period });
}
