import type { Feature } from "../../app/navigation";
import { AccountSecurityPage } from "./AccountSecurityPage";
import { AcceptInvitationPage, ForgotPasswordPage, ResetPasswordPage } from "./PublicPages";
import { SiteUsersPage } from "./SiteUsersPage";

export const feature: Feature = {
  nav: [
    {
      path: "/admin/users",
      labelKey: "nav.siteUsers",
      order: 90,
      visible: (s) => s.roles.some((r) => r.role === "site_admin"),
    },
    { path: "/account/security", labelKey: "nav.accountSecurity", order: 95, area: "account", visible: () => true },
  ],
  routes: [
    { path: "/admin/users", element: <SiteUsersPage /> },
    { path: "/account/security", element: <AccountSecurityPage /> },
    // Reachable signed in too (someone opens an emailed link in a browser that has a session).
    { path: "/accept-invitation", element: <AcceptInvitationPage /> },
    { path: "/reset-password", element: <ResetPasswordPage /> },
    { path: "/forgot-password", element: <ForgotPasswordPage /> },
  ],
};
