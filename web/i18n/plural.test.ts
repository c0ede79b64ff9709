import { describe, expect, it } from "vitest";
import { translate } from "./i18n";

// "1 tasks" reads as a mistake: a count of one takes the catalogue's singular form where it has one.
describe("counted messages", () => {
  it("take the singular form for one and the plain key otherwise, in both languages", () => {
    const window = { window: "today" };
    expect(translate("en", "timeliness.openOverdue", { count: 1 })).toBe("1 overdue task: open it on the worklist");
    expect(translate("en", "timeliness.openOverdue", { count: 2 })).toBe("2 overdue tasks: open them on the worklist");
    expect(translate("en", "timeliness.openOverdue", { count: 0 })).toBe("0 overdue tasks: open them on the worklist");
    expect(translate("es", "timeliness.openOverdue", { count: 1 })).toBe("1 tarea vencida: abrirla en los pendientes");
    expect(translate("es", "worklist.count", { count: 3, ...window })).toMatch(/^3 tareas · today\./);
    // A message without a singular form keeps its one text; a count given as a string picks no form.
    expect(translate("en", "handover.tasks", { count: 1, list: "x" })).toBe("Open tasks moved (1): x");
    expect(translate("en", "timeliness.openOverdue", { count: "1" })).toMatch(/^1 overdue tasks/);
  });
});
