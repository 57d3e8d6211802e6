// npm run bench:abuse: the hostile documents of issue 10, each sent REPEAT times through the real
// handler as a signed-in customer. Reports the handler's own time to refuse (from its request
// summary, so token signing and the test client are not counted), the time seen by the caller, heap
// growth, the DynamoDB calls made before the refusal, and the answer. Each should be refused in well
// under 50 ms with 0 DynamoDB calls.
import type { Identity } from '../dev/tokens';
import { fmt, log, machine, percentile, printTable, withBench } from './benchKit';

const REPEAT = Number(process.env.BENCH_ABUSE_REPEAT || 20);

const aliases = (n: number, field: string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

function hostileDocuments(): [string, string, Record<string, unknown>][] {
  let cycle = 'number';
  for (let i = 0; i < 4; i++) cycle = `objectives { controls { id clause { ${cycle} } } }`;
  return [
    ['catalogue cycle ×4', `{ framework { clauses { ${cycle} } } }`, {}],
    ['100 × inheritedObligations', aliases(100, 'inheritedObligations { counts { total } clauses { controls { obligations { text } } } }'), {}],
    ['340 × cloudService { draft }', aliases(340, 'cloudService(id: "x") { draft { revision } }'), {}],
    ['60 × cloudServices { contractVersions }', aliases(60, 'cloudServices { edges { node { contractVersions { version } } } }'), {}],
    ['an id of 3,000 characters', 'query($id: ID!) { cloudService(id: $id) { name } }', { id: 'x'.repeat(3000) }],
    ['a 900 KB operation name', `query Q${'a'.repeat(900_000)} { me { name } }`, {}],
    ['6,000 tokens', aliases(1, `me { ${'name '.repeat(6000)} }`), {}],
  ];
}

async function abuse() {
  log(`Onus abuse benchmark: each hostile document ${REPEAT} times (BENCH_ABUSE_REPEAT); ${machine()}`);
  await withBench('onus-bench-abuse', async ({ api, summaries }) => {
    const customer: Identity = { subject: 'abuse|customer', organizationId: 'org-abuse', roles: ['CUSTOMER_ADMIN'] };
    const caller = { token: await api.token(customer) };
    // A few plain requests first, so the first hostile document does not pay the handler's warm-up.
    for (let i = 0; i < 5; i++) await api.graphql('{ me { name } }', {}, caller);
    const rows: string[][] = [];
    for (const [name, query, variables] of hostileDocuments()) {
      const seen: number[] = [];
      const heap0 = process.memoryUsage().heapUsed;
      const start = summaries.length;
      let answer = '';
      for (let i = 0; i < REPEAT; i++) {
        const t0 = performance.now();
        const result = await api.graphql(query, variables, caller);
        seen.push(performance.now() - t0);
        answer = `${result.status} ${result.json?.errors?.[0]?.extensions?.code ?? 'data'}`;
      }
      const handled = summaries.slice(start).map((s) => s.durationMs);
      const heapMb = (process.memoryUsage().heapUsed - heap0) / 1024 / 1024;
      const calls = Math.max(...summaries.slice(start).map((s) => s.dynamodbCalls));
      rows.push([name, fmt(percentile(handled, 50)), fmt(percentile(handled, 99)), fmt(percentile(seen, 50)), fmt(heapMb), String(calls), answer]);
    }
    printTable(['hostile document', 'handler p50 ms', 'handler p99 ms', 'caller p50 ms', 'heap Δ MB', 'max DDB calls', 'answer'], rows);
    log('(handler: the duration in its request log line; caller: adds building the event and reading the response; heap Δ after all repeats, before GC)');
  });
}

abuse().catch((error: Error) => {
  process.stderr.write(`npm run bench:abuse failed: ${error.message}\n`);
  process.exit(1);
});
