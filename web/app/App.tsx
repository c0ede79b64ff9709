import { useEffect, useRef } from "react";
import { Route, Routes } from "react-router";
import { SignInPage } from "../features/auth/SignInPage";
import { useI18n } from "../i18n/i18n";
import { featureRoutes } from "./features";
import { Layout } from "./Layout";
import { Loading } from "./Loading";
import { NotFoundPage } from "./NotFoundPage";
import { useSession } from "./session";

export function App() {
  const session = useSession();
  const { t, language, setLanguage } = useI18n();
  // The account's saved language applies once per signed-in user (at sign-in, or on opening the app signed in);
  // switching language afterwards saves the new one to the account.
  const appliedFor = useRef<string | null>(null);
  useEffect(() => {
    const user = session.data?.user;
    if (!user || appliedFor.current === user.id) return;
    appliedFor.current = user.id;
    if (user.language !== language) setLanguage(user.language);
  }, [session.data, language, setLanguage]);
  if (session.isPending) return <Loading label={t("common.loading")} />;
  if (!session.data) return <SignInPage />;
  return (
    <Layout session={session.data}>
      <Routes>
        {featureRoutes.map((route) => (
          <Route key={route.path} path={route.path} element={route.element} />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Layout>
  );
}
