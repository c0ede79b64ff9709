import { z } from "zod";
import { requireActor } from "../../platform/http/request-context.js";
import type { App, PlatformDeps } from "../../platform/http/types.js";
import {
  AreaList,
  BeforeAfter,
  BeforeAfterQuery,
  Compare,
  CompareQuery,
  DrillDown,
  DrillDownQuery,
  MeasureCatalogueView,
  Report,
  ReportQuery,
  Trend,
  TrendQuery,
} from "./schema.js";
import { outcomesService } from "./service.js";

/**
 * Outcome dashboards (issue 5): aggregates for outcomes:read holders, children behind them for those who may open them.
 */
export function registerOutcomesRoutes(app: App, deps: PlatformDeps) {
  const tags = ["outcomes"];
  const service = outcomesService(deps.db);

  app.get(
    "/api/outcomes/measures",
    {
      schema: {
        tags,
        summary: "The measures: unit, good direction, national figure, follow-up",
        response: { 200: MeasureCatalogueView },
      },
    },
    async (request) => service.measures(requireActor(request)),
  );
  app.get(
    "/api/outcomes/areas",
    {
      schema: {
        tags,
        summary: "Outcome areas in the user's reach, with data freshness and periods",
        response: { 200: AreaList },
      },
    },
    async (request) => service.areas(requireActor(request)),
  );
  app.get(
    "/api/outcomes/report",
    {
      schema: {
        tags,
        summary:
          "Every measure of an area for a 12-month period: figures, national comparison, breakdowns, trend, " +
          "practice timeliness",
        querystring: ReportQuery,
        response: { 200: Report },
      },
    },
    async (request) => service.report(requireActor(request), request.query),
  );
  app.get(
    "/api/outcomes/report.csv",
    {
      schema: {
        tags,
        summary: 'The report as CSV (suppressed cells written "suppressed")',
        querystring: ReportQuery,
        produces: ["text/csv"],
        response: { 200: z.string().describe("text/csv") },
      },
      // The text goes out as it is: the JSON serializer would quote it.
      serializerCompiler: () => (data) => String(data),
    },
    async (request, reply) => {
      const { filename, csv } = await service.reportCsv(requireActor(request), request.query);
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="${filename}"`)
        .header("cache-control", "no-store")
        .send(csv);
    },
  );
  app.get(
    "/api/outcomes/trend",
    {
      schema: {
        tags,
        summary: "One measure over half-year steps of 12-month periods",
        querystring: TrendQuery,
        response: { 200: Trend },
      },
    },
    async (request) => service.trend(requireActor(request), request.query),
  );
  app.get(
    "/api/outcomes/compare",
    {
      schema: {
        tags,
        summary: "One measure for every area in reach, suppressed per area",
        querystring: CompareQuery,
        response: { 200: Compare },
      },
    },
    async (request) => service.compare(requireActor(request), request.query),
  );
  app.get(
    "/api/outcomes/before-after",
    {
      schema: {
        tags,
        summary: "The 12 months before the site's QPI launch against the latest final 12 months",
        querystring: BeforeAfterQuery,
        response: { 200: BeforeAfter },
      },
    },
    async (request) => service.beforeAfter(requireActor(request), request.query),
  );
  app.get(
    "/api/outcomes/children",
    {
      schema: {
        tags,
        summary: "The children behind a figure that the user may open (audited)",
        querystring: DrillDownQuery,
        response: { 200: DrillDown },
      },
    },
    async (request) => service.children(requireActor(request), request.query),
  );
}
