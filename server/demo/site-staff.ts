import type { SiteContext } from "./site-context.js";

export interface StaffMember {
  personId: string;
  unitId: string;
  role: string;
}

/** The site's caseworkers and supervisors, for the children's teams. */
export interface SiteStaff {
  caseworkers: StaffMember[];
  supervisors: StaffMember[];
}

/**
 * The site's offices and units, a supervisor and caseworkers in each unit,
 * and one of each other staff role; the demo sign-ins are among them.
 */
export function buildStaff(site: SiteContext): SiteStaff {
  const staff: SiteStaff = { caseworkers: [], supervisors: [] };
  const { random, spec, net } = site;
  const domain = `${spec.code.toLowerCase()}.demo.qpi.example`;
  let staffSeq = 0;
  for (const office of spec.offices) {
    const officeId = random.uuid();
    net.units.push({ id: officeId, site_id: site.siteId, parent_unit_id: null, name: office.name, kind: "office" });
    for (const unitName of office.units) {
      const unitId = random.uuid();
      net.units.push({ id: unitId, site_id: site.siteId, parent_unit_id: officeId, name: unitName, kind: "unit" });
      const supervisor = site.person({ address: false });
      const isFirstUnit = staff.supervisors.length === 0;
      site.account(
        supervisor.id,
        isFirstUnit && spec.primary ? "supervisor@demo.qpi.example" : `staff${++staffSeq}@${domain}`,
        "supervisor",
        unitId,
        isFirstUnit && spec.primary ? `Supervisor of ${unitName}, ${spec.name}` : undefined,
      );
      staff.supervisors.push({ personId: supervisor.id, unitId, role: "supervisor" });
      const workers = Math.max(2, Math.round(4 * Math.sqrt(site.options.scale)));
      for (let i = 0; i < workers; i++) {
        const worker = site.person({});
        const demo = isFirstUnit && i === 0 && spec.primary;
        site.account(
          worker.id,
          demo
            ? "caseworker@demo.qpi.example"
            : isFirstUnit && i === 0
              ? `caseworker@${domain}`
              : `staff${++staffSeq}@${domain}`,
          "caseworker",
          unitId,
          demo
            ? `Caseworker in ${unitName}, ${spec.name}`
            : isFirstUnit && i === 0
              ? `Caseworker in ${spec.name} (another site)`
              : undefined,
        );
        staff.caseworkers.push({ personId: worker.id, unitId, role: "caseworker" });
      }
    }
  }
  const firstOffice = net.units.find((u) => u.site_id === site.siteId && u.kind === "office")!.id;
  const roles: [string, string, string][] = [
    ["rfa_worker", "rfa", "Resource family approval worker"],
    ["qpi_coordinator", "coordinator", "QPI coordinator"],
    ["site_admin", "admin", "Site administrator"],
    ["analyst", "analyst", "Outcomes analyst"],
  ];
  for (const [role, local, label] of roles) {
    const person = site.person({});
    const email = spec.primary ? `${local}@demo.qpi.example` : `${local}@${domain}`;
    site.account(
      person.id,
      email,
      role,
      role === "rfa_worker" ? firstOffice : null,
      spec.primary ? `${label}, ${spec.name}` : undefined,
    );
  }
  return staff;
}
