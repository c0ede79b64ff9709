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
