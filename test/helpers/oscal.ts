import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// NIST's OSCAL schemas and examples, copied into test/fixtures/oscal (see its README), and a validator
// compiled as they need: unicodeRegExp on (their token patterns use \p{L}; off, ajv judges every
// token wrongly) and ajv-formats for uri, date-time and the rest.

export const oscalFixture = (name: string): any => JSON.parse(readFileSync(join(__dirname, '../fixtures/oscal', name), 'utf8'));

/** Validates against one of the copied schemas; answers the schema's complaints, none when valid. */
export function oscalValidator(schemaFile: 'oscal_component_schema.json' | 'oscal_ssp_schema.json'): (doc: unknown) => string[] {
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: true });
  addFormats(ajv);
  const validate = ajv.compile(oscalFixture(schemaFile));
  return (doc) => (validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));
}
