import { useId, useState } from "react";
import { useI18n } from "../../i18n/i18n";
import type { PlacementHistory } from "./types";

type Home = PlacementHistory["households"][number];

/** How many matching homes show at once: a site has dozens; typing narrows them. */
const SHOWN = 8;

const searchText = (h: Home) => [h.name, h.city, h.licenseNumber].filter(Boolean).join(" ").toLowerCase();

/**
 * Picks where a child goes: a search box over the site's homes and a list of radio buttons, each home shown with its
 * city and licence number (a home's street address is caregiver contact, not shown in the list), so homes that share a name ("Johnson household" at four addresses) are told
 * apart. `value` is a home's id, "" for no home, or null while nothing is chosen (nothing is preselected).
 */
export function HomePicker({
  homes,
  value,
  onChange,
}: {
  homes: Home[];
  value: string | null;
  onChange(id: string): void;
}) {
  const { t, formatDate } = useI18n();
  const id = useId();
  const [query, setQuery] = useState("");
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const matching = homes.filter((h) => words.every((w) => searchText(h).includes(w)));
  const chosen = homes.find((h) => h.id === value);
  // The chosen home stays in view whatever the search, so the choice is never hidden.
  const shown = [...(chosen ? [chosen] : []), ...matching.filter((h) => h.id !== value).slice(0, SHOWN)];
  const radio = (home: Home | null) => {
    const key = home?.id ?? "";
    return (
      <div className="usa-radio" key={key || "none"}>
        <input
          className="usa-radio__input usa-radio__input--tile"
          type="radio"
          id={`${id}-${key || "none"}`}
          name={`${id}-home`}
          value={key}
          required
          checked={value === key}
          onChange={() => onChange(key)}
        />
        <label className="usa-radio__label" htmlFor={`${id}-${key || "none"}`}>
          {home ? home.name : t("placement.noHousehold")}
          {home && (
            <span className="usa-checkbox__label-description">
              {home.city || t("placement.homeNoAddress")}
              {" · "}
              {home.licenseNumber
                ? t("placement.homeLicense", { number: home.licenseNumber })
                : t("placement.homeNoLicense")}
              {home.kind !== "facility" &&
                ` · ${t(`homes.availability.${home.availability}`)}${
                  home.availabilityConfirmedOn
                    ? ` (${t("homes.confirmed", { date: formatDate(home.availabilityConfirmedOn) })})`
                    : ""
                }`}
            </span>
          )}
        </label>
      </div>
    );
  };
  return (
    <fieldset className="usa-fieldset">
      <legend className="usa-legend">{t("placement.household")}</legend>
      <label className="usa-label" htmlFor={`${id}-search`}>
        {t("placement.homeSearch")}
      </label>
      <input
        className="usa-input"
        type="search"
        id={`${id}-search`}
        aria-describedby={`${id}-count`}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <p className="usa-hint" id={`${id}-count`} aria-live="polite">
        {matching.length > SHOWN
          ? t("placement.homeMatchesSome", { count: matching.length, shown: SHOWN })
          : t("placement.homeMatches", { count: matching.length })}
      </p>
      {shown.map((h) => radio(h))}
      {radio(null)}
    </fieldset>
  );
}
