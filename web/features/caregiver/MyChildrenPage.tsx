import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { api } from "../../app/api";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useI18n } from "../../i18n/i18n";
import type { MyChildListView } from "./types";

/** The children placed in my home now, written for the caregiver. */
export function MyChildrenPage() {
  const { t } = useI18n();
  const list = useQuery({ queryKey: ["my-children"], queryFn: () => api<MyChildListView>("/api/my-children") });
  return (
    <>
      <h1>{t("mine.title")}</h1>
      <p className="usa-intro">{t("mine.intro")}</p>
      <ErrorAlert error={list.error} />
      {list.isPending && <p>{t("common.loading")}</p>}
      {list.data && <MyChildrenList data={list.data} />}
    </>
  );
}

export function MyChildrenList({ data }: { data: MyChildListView }) {
  const { t, formatDate } = useI18n();
  if (data.children.length === 0) return <p>{t("mine.none")}</p>;
  return (
    <ul className="usa-list usa-list--unstyled">
      {data.children.map((c) => (
        <li key={c.childId} className="margin-bottom-2">
          <Link to={`/my-children/${c.childId}`} className="font-body-lg">
            {c.name}
          </Link>
          <div className="text-base-dark">{t("mine.livingWithYouSince", { date: formatDate(c.placedSince) })}</div>
        </li>
      ))}
    </ul>
  );
}
