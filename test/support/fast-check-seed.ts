import fc from "fast-check";

/**
 * Property tests run from one fixed seed by default, so a CI run is
 * repeatable and a red build is a real regression, not an unlucky draw.
 * `FC_SEED=random npm test` explores new cases; `FC_SEED=<n>` replays a run
 * (fast-check prints the seed of any failure).
 */
const configured = process.env.FC_SEED ?? "20261201";
if (configured !== "random") fc.configureGlobal({ seed: Number(configured) });
