import { registerMessages } from "../../platform/i18n/locale.js";
import en from "./messages.en.json" with { type: "json" };
import es from "./messages.es.json" with { type: "json" };

registerMessages("en", en);
registerMessages("es", es);
