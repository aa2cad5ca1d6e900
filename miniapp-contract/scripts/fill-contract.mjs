// Fills openapi.yaml from what the API test suite saw (api/target/contract-ledger/, written by
// ContractCoverageTest at the end of `mvn verify`):
//   - an `example` for every 2xx JSON answer that has none: the richest body the suite received, lists cut to
//     two items;
//   - `x-error-codes` for every operation that has none: the codes its answers carried in the suite, the codes
//     its description names, VALIDATION_FAILED when it takes a body or a query, NOT_FOUND when its path names a
//     record; less the common ones (`x-common-error-codes`).
// It only adds, never rewrites: existing examples and code lists stay as they are, and the file keeps its
// layout (text is inserted at the right lines; the YAML is parsed only to find them).
// Usage: node scripts/fill-contract.mjs [--errors] [--examples]
import { readFileSync, writeFileSync } from 'node:fs';
import { isMap, isPair, parseDocument, stringify } from 'yaml';

const ledgerDir = new URL('../../api/target/contract-ledger/', import.meta.url);
const contractFile = new URL('../openapi.yaml', import.meta.url);
const want = new Set(process.argv.slice(2).length ? process.argv.slice(2) : ['--errors', '--examples']);

const text = readFileSync(contractFile, 'utf8');
const doc = parseDocument(text);
const common = new Set(doc.get('x-common-error-codes')?.toJSON() ?? []);
const known = new Set(doc.getIn(['components', 'schemas', 'ErrorCode', 'enum']).toJSON());
const seenCodes = JSON.parse(readFileSync(new URL('error-codes.json', ledgerDir), 'utf8'));
const seenBodies = JSON.parse(readFileSync(new URL('examples.json', ledgerDir), 'utf8'));

const inserts = []; // [offset, text]
const lineStart = (offset) => text.lastIndexOf('\n', offset - 1) + 1;
const nextLine = (offset) => text.indexOf('\n', offset) + 1;
const indentOf = (offset) => offset - lineStart(offset);
// Where a block node ends, as the start of the line after it (its range may end before or after its newline).
const lineEnd = (offset) => (offset >= text.length || lineStart(offset) === offset ? offset : nextLine(offset));

const trim = (value) => {
  if (Array.isArray(value)) return value.slice(0, 2).map(trim);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, trim(v)]));
  }
  return value;
};

// An answer no test saw takes the example of another answer of the same schema.
const bySchema = {};
for (const [path, item] of Object.entries(doc.get('paths').toJSON())) {
  for (const op of Object.values(item)) {
    for (const [status, response] of Object.entries(op?.responses ?? {})) {
      const ref = response?.content?.['application/json']?.schema?.$ref;
      const body = seenBodies[`${op.operationId} ${status}`];
      if (ref && body !== undefined) bySchema[ref] ??= body;
    }
  }
  void path;
}

let codesAdded = 0;
let examplesAdded = 0;
for (const pathPair of doc.get('paths').items) {
  for (const opPair of pathPair.value.items) {
    const op = opPair.value;
    if (!isMap(op) || !op.has('operationId')) continue;
    const id = op.get('operationId');
    if (want.has('--errors') && !op.has('x-error-codes')) {
      const idPair = op.items.find((p) => isPair(p) && p.key.value === 'operationId');
      const at = idPair.key.range[0];
      const json = op.toJSON();
      const params = [...(pathPair.value.toJSON().parameters ?? []), ...(json.parameters ?? [])];
      const named = `${json.summary ?? ''} ${json.description ?? ''}`.match(/\b[A-Z][A-Z_]{3,}\b/g) ?? [];
      const codes = new Set([...(seenCodes[id] ?? []), ...named.filter((c) => known.has(c))]);
      if (json.requestBody || params.some((p) => p.in === 'query' || p.$ref?.endsWith('/Cursor'))) codes.add('VALIDATION_FAILED');
      if (params.some((p) => p.in === 'path' || p.$ref?.endsWith('/Id') || p.$ref?.endsWith('/DistrictCode'))) codes.add('NOT_FOUND');
      const list = [...codes].filter((c) => !common.has(c)).sort();
      inserts.push([nextLine(at), `${' '.repeat(indentOf(at))}x-error-codes: [${list.join(', ')}]\n`]);
      codesAdded++;
    }
    if (!want.has('--examples')) continue;
    for (const respPair of op.get('responses')?.items ?? []) {
      const status = String(respPair.key.value);
      const media = isMap(respPair.value) ? respPair.value.getIn(['content', 'application/json'], true) : null;
      if (!status.startsWith('2') || !isMap(media) || media.has('example') || media.has('examples')) continue;
      const body = seenBodies[`${id} ${status}`] ?? bySchema[media.toJSON().schema?.$ref];
      if (body === undefined) continue;
      const schemaKey = media.items.find((p) => p.key.value === 'schema').key;
      const indent = ' '.repeat(indentOf(schemaKey.range[0]));
      const block = stringify(trim(JSON.parse(body)), { version: '1.1', lineWidth: 0, flowCollectionPadding: false })
        .trimEnd()
        .split('\n')
        .map((l) => `${indent}  ${l}`)
        .join('\n');
      inserts.push([lineEnd(media.range[2]), `${indent}example:\n${block}\n`]);
      examplesAdded++;
    }
  }
}

let out = text;
for (const [offset, piece] of inserts.sort((a, b) => b[0] - a[0])) {
  out = out.slice(0, offset) + piece + out.slice(offset);
}
writeFileSync(contractFile, out);
console.log(`x-error-codes added to ${codesAdded} operations, examples to ${examplesAdded} answers`);
