import type { Transaction } from "kysely";
import type { Database } from "../db/database.js";
import type { CommitmentText } from "../modules/partnership/index.js";
import type { DemoNetwork } from "./demo-network.js";

/**
 * The demo sites' adopted partnership plans. Written for this project in the spirit of the QPI partnership plans
 * of California and Florida (what each side can expect of the other), not copied from them; a real site adopts
 * its own wording with its steering committee.
 */
const commitments: CommitmentText[] = [
  {
    party: "caregiver",
    en: "I will care for the child as I would my own, keeping them safe and helping them feel they belong in our home.",
    es: "Cuidaré al niño o niña como a mi propio hijo, manteniéndolo seguro y ayudándole a sentir que pertenece a nuestro hogar.",
  },
  {
    party: "caregiver",
    en: "I will support the child's relationship with their parents, brothers and sisters, and keep to the family time the team agrees.",
    es: "Apoyaré la relación del niño o niña con sus padres y hermanos, y cumpliré el tiempo en familia que acuerde el equipo.",
  },
  {
    party: "caregiver",
    en: "I will make a comfort call to the parents soon after the child arrives, and take part in the icebreaker meeting.",
    es: "Haré una llamada de bienvenida a los padres poco después de que llegue el niño o niña, y participaré en la reunión para romper el hielo.",
  },
  {
    party: "caregiver",
    en: "I will share what I learn about the child's health, school and feelings with the team, and tell the court how the child is doing.",
    es: "Compartiré con el equipo lo que sepa de la salud, la escuela y los sentimientos del niño o niña, y le diré al tribunal cómo está.",
  },
  {
    party: "caregiver",
    en: "I will respect the child's culture, language and faith, and help them keep the things that matter to them.",
    es: "Respetaré la cultura, el idioma y la fe del niño o niña, y le ayudaré a conservar lo que es importante para él o ella.",
  },
  {
    party: "agency",
    en: "We will tell you everything we know about the child before or at placement, and keep you informed as we learn more.",
    es: "Le diremos todo lo que sabemos del niño o niña antes de la colocación o al momento de ella, y le mantendremos informado a medida que sepamos más.",
  },
  {
    party: "agency",
    en: "We will return your calls and messages within one business day, and tell you who to call after hours.",
    es: "Responderemos sus llamadas y mensajes en un día hábil, y le diremos a quién llamar fuera del horario de oficina.",
  },
  {
    party: "agency",
    en: "We will include you in decisions about the child, give you notice of court hearings and help you be heard there.",
    es: "Le incluiremos en las decisiones sobre el niño o niña, le avisaremos de las audiencias y le ayudaremos a ser escuchado en ellas.",
  },
  {
    party: "agency",
    en: "We will plan any move with you ahead of time, except in an emergency, so the child's transition is gentle.",
    es: "Planearemos con usted cualquier cambio con anticipación, salvo en una emergencia, para que la transición del niño o niña sea suave.",
  },
  {
    party: "agency",
    en: "We will pay what is owed on time and offer training and support when you need it.",
    es: "Pagaremos a tiempo lo que corresponde y le ofreceremos capacitación y apoyo cuando lo necesite.",
  },
  {
    party: "birth_parent",
    en: "As the child's parent, I will share what helps my child feel safe and loved, and work with the caregiver for my child's sake.",
    es: "Como madre o padre del niño o niña, compartiré lo que le ayuda a sentirse seguro y querido, y trabajaré con la familia de acogida por su bien.",
  },
  {
    party: "youth",
    en: "As a young person, I can say what I need, take part in my case plan and speak at my court hearings.",
    es: "Como joven, puedo decir lo que necesito, participar en mi plan de caso y hablar en mis audiencias.",
  },
];

const titles: Record<string, { en: string; es: string; note: string }> = {
  "CA-FRESNO": {
    en: "Fresno County partnership plan",
    es: "Plan de colaboración del condado de Fresno",
    note: "Demo plan written for QPI Platform in the spirit of California's QPI partnership plan; discussed with the caregiver at the child's first placement.",
  },
  "FL-C13": {
    en: "Circuit 13 caregiver and agency partnership plan",
    es: "Plan de colaboración entre cuidadores y agencia del Circuito 13",
    note: "Demo plan written for QPI Platform in the spirit of Florida's partnership plan, which a caregiver and a case management representative sign at every placement change.",
  },
  "MN-HENNEPIN": {
    en: "Hennepin County partnership plan",
    es: "Plan de colaboración del condado de Hennepin",
    note: "Demo plan written for QPI Platform; illustrative, not a plan the county adopted.",
  },
};

export async function seedPartnershipPlans(trx: Transaction<Database>, net: DemoNetwork) {
  for (const site of net.sites) {
    const title = titles[site.code];
    // In force from the site's QPI launch: a site without one has adopted no plan in the demo.
    if (!title || !site.qpi_launch_date) continue;
    await trx
      .insertInto("partnership_template")
      .values({
        state_code: site.state_code,
        site_id: site.id,
        version: 1,
        effective_from: site.qpi_launch_date,
        title_en: title.en,
        title_es: title.es,
        commitments: JSON.stringify(commitments),
        source_note: title.note,
      })
      .execute();
  }
}
