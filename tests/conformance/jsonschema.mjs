// Validates a JSON document against a JSON Schema (draft 2020-12) with ajv, an implementation nobody
// here wrote. Prints the errors as JSON ([] when the document is valid). Usage: node jsonschema.mjs schema.json data.json
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const [schemaFile, dataFile] = process.argv.slice(2);
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, "utf8")));
validate(JSON.parse(readFileSync(dataFile, "utf8")));
process.stdout.write(JSON.stringify(validate.errors ?? []));
