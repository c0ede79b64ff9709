import { Route, Routes } from "react-router";
import { useI18n } from "../i18n/i18n";
import { useSession } from "./session";
import { Layout } from "./Layout";
import { SignInPage } from "../features/auth/SignInPage";
import { NotFoundPage } from "./NotFoundPage";
import { Loading } from "./Loading";
import { featureRoutes } from "./features";

export function App() {
  const session = useSession();
  const { t } = useI18n();
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
