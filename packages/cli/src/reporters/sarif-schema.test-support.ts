/** A validator for SARIF 2.1.0 logs: the OASIS JSON schema (shipped in @microsoft/jest-sarif). */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import Ajv from "ajv-draft-04";

const require = createRequire(import.meta.url);
const schemaPath = require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
// the schema's formats, checked rather than ignored: absolute URIs, URI references, dates
const isUri = (s: string) => /^[a-z][a-z0-9+.-]*:/i.test(s) && URL.canParse(s);
ajv.addFormat("uri", isUri);
ajv.addFormat("uri-reference", (s: string) => isUri(s) || (!/\s/.test(s) && URL.canParse(s, "file:///base/")));
ajv.addFormat("date-time", (s: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(s));

/** Validates a SARIF log; `validateSarif.errors` says why after a failure. */
export const validateSarif = ajv.compile(schema);
