// Writes src/operations.ts from ../openapi.yaml: what the kit must know at run time that the types cannot
// carry: which operations need no login, which POSTs take an Idempotency-Key, and each operation's error codes.
// Run by `npm run types`; `npm run check-types` fails when the file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';

const contract = parse(readFileSync(new URL('../../openapi.yaml', import.meta.url), 'utf8'));
const out = process.argv[2] ?? new URL('../src/operations.ts', import.meta.url);
const ops = [];
for (const [path, item] of Object.entries(contract.paths)) {
  for (const method of ['get', 'put', 'post', 'patch', 'delete']) {
    const op = item[method];
    if (!op) continue;
    const params = [...(item.parameters ?? []), ...(op.parameters ?? [])];
    ops.push({
      key: `${method.toUpperCase()} ${path}`,
      id: op.operationId,
      public: Array.isArray(op.security) && op.security.length === 0,
      idempotencyKey: params.some((p) => p.name === 'Idempotency-Key'),
      errorCodes: op['x-error-codes'] ?? [],
    });
  }
}
const lines = [
  '// Generated from openapi.yaml by scripts/operations.mjs (npm run types). Do not edit.',
  'export interface OperationInfo { id: string; public: boolean; idempotencyKey: boolean; errorCodes: readonly string[] }',
  `export const commonErrorCodes: readonly string[] = ${JSON.stringify(contract['x-common-error-codes'] ?? [])};`,
  'export const operations: Readonly<Record<string, OperationInfo>> = {',
  ...ops.map((o) => `  ${JSON.stringify(o.key)}: ${JSON.stringify({ id: o.id, public: o.public, idempotencyKey: o.idempotencyKey, errorCodes: o.errorCodes })},`),
  '};',
  '',
];
writeFileSync(out, lines.join('\n'));
