/** Catalogue entries of the emqx.conf readers' ids: HOCON (EMQX 5/6) and EMQX 4's `key = value` format. */
import { dialectsBefore, dialectsFrom } from "../dialects";
import { catalogDoc, type DiagnosticDoc } from "./diagnostic-doc";

const hocon = (id: string, summary: string, rationale: string): DiagnosticDoc =>
  catalogDoc("hocon", { id, summary, rationale, dialects: dialectsFrom("v5") });
const conf = (id: string, summary: string, rationale: string): DiagnosticDoc =>
  catalogDoc("conf", { id, summary, rationale, dialects: dialectsBefore("v5") });

const STOPS = "EMQX does not start with a configuration it cannot read; the audit reports what it read up to here.";

/** Every `hocon-*` and `conf-*` id. */
export const configDiagnosticDocs: DiagnosticDoc[] = [
  hocon(
    "hocon-syntax",
    "emqx.conf is not valid HOCON (or concatenates values of different types).",
    `EMQX 5 and 6 read emqx.conf with their HOCON parser. ${STOPS}`,
  ),
  hocon(
    "hocon-too-deep",
    "Objects, arrays or substitutions nest deeper than emqx-acl reads.",
    "No real configuration nests this deep; emqx-acl stops there to stay within its stack and reports the place instead of crashing.",
  ),
  hocon(
    "hocon-include-missing",
    'A required `include required("…")` file does not exist.',
    `HOCON ignores a missing plain include but refuses a missing required one. ${STOPS}`,
  ),
  hocon(
    "hocon-include-cycle",
    "Included files include each other in a cycle.",
    `An include cycle never ends. ${STOPS}`,
  ),
  hocon(
    "hocon-include-too-deep",
    "Includes nest deeper than emqx-acl follows.",
    "emqx-acl stops following includes past its depth limit; the settings in deeper files are not audited.",
  ),
  hocon(
    "hocon-include-refused",
    "An included file was not read (a device, a directory, too large, or outside what the audit may open).",
    "emqx-acl reads only regular files of bounded size; the settings in that file are not audited.",
  ),
  hocon(
    "hocon-substitution-cycle",
    "`${a}` substitutions refer to each other in a cycle.",
    `A substitution cycle has no value. ${STOPS}`,
  ),
  hocon(
    "hocon-unresolved",
    "A `${path}` substitution is set neither in the configuration nor in the environment.",
    `HOCON refuses a required substitution with no value (\`\${?path}\` is the optional form). ${STOPS}`,
  ),
  hocon(
    "hocon-expansion-limit",
    "Substitutions expand the configuration past emqx-acl's size limit.",
    "A small file can expand exponentially through substitutions (`a = ${b}${b}`, …); emqx-acl stops expanding and audits what it has.",
  ),
  conf(
    "conf-syntax",
    "A line of EMQX 4's emqx.conf is not `key = value` (or has no value).",
    `EMQX 4 reads emqx.conf with cuttlefish line by line. ${STOPS}`,
  ),
  conf(
    "conf-include-missing",
    "An `include` of EMQX 4's emqx.conf names no file.",
    `cuttlefish refuses an include it cannot find. ${STOPS}`,
  ),
  conf(
    "conf-include-cycle",
    "Included files of EMQX 4's emqx.conf include each other in a cycle.",
    `An include cycle never ends. ${STOPS}`,
  ),
  conf(
    "conf-include-too-deep",
    "Includes of EMQX 4's emqx.conf nest deeper than emqx-acl follows.",
    "emqx-acl stops following includes past its depth limit; the settings in deeper files are not audited.",
  ),
  conf(
    "conf-include-refused",
    "An included file of EMQX 4's emqx.conf was not read (a device, a directory, too large, or outside what the audit may open).",
    "emqx-acl reads only regular files of bounded size; the settings in that file are not audited.",
  ),
];
