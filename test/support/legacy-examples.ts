// The legacy document's example replies (test/fixtures/legacy/<action>.txt, copied verbatim) made
// servable: each `xx` placeholder replaced by a value the test chooses. The document's examples are
// templates, not JSON: `"good": xx`, `"goodLv": "xx"`.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'legacy');

const PLACEHOLDER = /"(\w+)":\s*("xx"|xx)/g;

/** The example reply of `action` exactly as the document prints it. */
export function legacyExample(action: string): string {
  return readFileSync(join(FIXTURES, `${action}.txt`), 'utf8');
}

/** The field names of the example's item, in the document's order. */
export function exampleFields(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1] as string);
}

/**
 * The example with every placeholder replaced by `values[field]` as JSON. Throws when a field has
 * no value, so a test covers every field the document shows. A comma before a closing brace (the
 * wb_robot_satisfaction example has one) is dropped: JSON does not allow it, and Sobot's servers
 * write JSON.
 */
export function fillExample(template: string, values: Record<string, unknown>): string {
  return template
    .replace(PLACEHOLDER, (_match, field: string) => {
      if (!(field in values)) throw new Error(`no value for "${field}"`);
      return `"${field}": ${JSON.stringify(values[field])}`;
    })
    .replace(/,(\s*})/g, '$1');
}
