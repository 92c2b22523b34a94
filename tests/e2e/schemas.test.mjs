// The sample files follow the documented JSON Schemas (docs/schemas), and the
// schemas catch what the broken fixture gets wrong.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv/dist/2020.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const read = (p) => JSON.parse(fs.readFileSync(path.join(root, p), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
// The outlets schema refers to the notices schema's definition of one notice.
ajv.addSchema(read('docs/schemas/notices.schema.json'));
const compiled = {};
const check = (schema, file) => {
  const file_ = `docs/schemas/${schema}.schema.json`;
  const validate = (compiled[schema] ??= ajv.getSchema(read(file_).$id) ?? ajv.compile(read(file_)));
  const ok = validate(read(file));
  return { ok, errors: ajv.errorsText(validate.errors, { separator: '\n' }) };
};

test('the sample config, catalog, outlets, notices and gazetteer follow their schemas', () => {
  for (const [schema, file] of [['config', 'public/config.json'], ['catalog', 'public/data/yantai/catalog.json'], ['outlets', 'public/data/yantai/outlets.geojson'], ['notices', 'public/data/yantai/notices.json'], ['gazetteer', 'public/data/yantai/gazetteer.json']]) {
    const { ok, errors } = check(schema, file);
    assert.ok(ok, `${file}:\n${errors}`);
  }
});

test('the schema rejects the broken fixture for the reasons the loader reports', () => {
  const { ok, errors } = check('outlets', 'tests/e2e/fixtures/broken/outlets.geojson');
  assert.equal(ok, false);
  assert.match(errors, /features\/1\/geometry must be object/);
  assert.match(errors, /features\/2\/geometry\/coordinates\/0 must be <= 180/);
  assert.match(errors, /features\/3\/geometry\/coordinates\/0 must be number/);
});
