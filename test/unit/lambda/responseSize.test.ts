import { lambdaResponseBytes, responseTooLarge } from '../../../src/lambda/responseSize';

// What Lambda will count is JSON.stringify of the whole result: the shortcut must give exactly that for
// every body a GraphQL response can hold, and refuse at the limit as the exact measure would.

const result = (body: string) => ({ statusCode: 200, headers: { 'content-type': 'application/json', 'x-request-id': 'r-1' }, body });
const exact = (r: ReturnType<typeof result>) => Buffer.byteLength(JSON.stringify(r));

describe('the Lambda response size', () => {
  it.each([
    ['plain data', { data: { coverage: { controls: [{ id: '5.1.1', verdict: 'SHARED' }] } } }],
    ['quotes and backslashes in values', { data: { text: 'He said "use C:\\keys\\" and \\"quote\\"' } }],
    ['control characters and line breaks in values', { data: { csv: 'a,b\r\n"c",\td\u0001' } }],
    ['non-ASCII text and emoji', { data: { name: 'Société Générale — 東京 🚀', note: '\u2028\u2029' } }],
    ['a lone surrogate', { data: { broken: 'x\ud800y' } }],
    ['errors and nulls', { errors: [{ message: 'No cloud service "x".', path: ['cloudService'] }], data: null }],
  ])('counts %s exactly as Lambda serialises the response', (_name, payload) => {
    const r = result(JSON.stringify(payload));
    expect(lambdaResponseBytes(r)).toBe(exact(r));
  });

  it('measures a body that is not JSON text by escaping it', () => {
    const r = result('line one\nline "two"\u0001');
    expect(lambdaResponseBytes(r)).toBe(exact(r));
  });

  it('refuses exactly past the limit, counting the escaping', () => {
    const r = result(JSON.stringify({ data: { text: '"'.repeat(1000) } }));
    const bytes = exact(r);
    expect(bytes).toBeGreaterThan(2 * r.body.length - 100);
    expect(responseTooLarge(r, bytes)).toBe(false);
    expect(responseTooLarge(r, bytes - 1)).toBe(true);
  });
});
