import { encodeExport, EXPORT_RESPONSE_BYTES, responseCost } from '../../../src/app/exports/encodeExport';
import { RESPONSIBILITY_LIMITS as L, type Responsibility } from '../../../src/domain/contracts/responsibility';
import { ErrorCode, OnusError } from '../../../src/domain/errors';
import { EXPORT_FORMATS, exportContract } from '../../../src/domain/exports/formats';
import { contractSource } from './contract';

// The largest legal contract (every control SHARED, every text at its limit: a 4,000-character
// statement, 20 obligations of 2,000, 10 evidence items with 200-character titles and 2,000-character
// URLs) in every format: as it is, each is more than one response carries and is refused with
// RESPONSE_TOO_LARGE naming GZIP_BASE64; compressed, contract prose fits; text that does not compress
// (random characters) does not, and says so. The sizes printed here are the README's (Exchange: Limits).

/** A deterministic generator (mulberry32), so sizes are the same on every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'the provider customer service data access key encryption backup restore log audit network virtual machine tenant region control policy ' +
  'review incident response must shall configure enable monitor rotate credentials account role privilege least within days hours each every ' +
  'before after change notify report retain delete export import storage volume snapshot image patch vulnerability scan firewall rule port ' +
  'identity federation token session password factor authentication authorization administrator operator support contract agreement annual'
).split(' ');

/** Texts cut from one long generated string at moving offsets: fast, deterministic, and as compressible as the string. */
function texts(alphabet: (next: () => number) => string, seed: number) {
  const next = random(seed);
  let source = '';
  while (source.length < 400_000) source += alphabet(next);
  let offset = 0;
  return (length: number) => {
    offset = (offset + 7_919) % (source.length - length);
    return `A${source.slice(offset + 1, offset + length)}`;
  };
}
const prose = (seed: number) => texts((next) => `${WORDS[Math.floor(next() * WORDS.length)]}${next() < 0.08 ? '. ' : ' '}`, seed);
const noise = (seed: number) => texts((next) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(next() * 62)]!, seed);

function maximal(text: (length: number) => string) {
  return contractSource((lines) =>
    lines.map((line): Responsibility => ({
      ...line,
      ownership: 'SHARED',
      status: 'IMPLEMENTED',
      justification: null,
      upstreamServiceId: null,
      providerStatement: text(L.providerStatement),
      customerObligations: Array.from({ length: L.obligationsPerControl }, (_, i) => ({
        id: `${line.controlId}-o${i}`,
        text: text(L.obligationText),
        unlocksProvided: true,
      })),
      evidence: Array.from({ length: L.evidencePerControl }, () => ({
        kind: 'DOCUMENTATION' as const,
        title: text(L.evidenceTitle),
        url: `https://e.example/${text(L.evidenceUrl - 20)}`,
      })),
    })),
  );
}

const refusal = (run: () => unknown): OnusError => {
  try {
    run();
  } catch (error) {
    if (error instanceof OnusError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('exports of the largest legal contract', () => {
  const sizes: string[] = [];
  afterAll(() => process.stdout.write(`${sizes.join('\n')}\n`));

  it.each(EXPORT_FORMATS)(
    '%s: over the limit as it is (RESPONSE_TOO_LARGE naming GZIP_BASE64; FedRAMP CRM, without statements and evidence, just fits), within it gzip+base64 for prose',
    (format) => {
      const document = exportContract(maximal(prose(1)), format);
      if (format === 'FEDRAMP_CRM_CSV') {
        expect(encodeExport(document, 'NONE', '').encoding).toBe('NONE');
      } else {
        const plain = refusal(() => encodeExport(document, 'NONE', ''));
        expect(plain.code).toBe(ErrorCode.RESPONSE_TOO_LARGE);
        expect(plain.message).toMatch(/Ask for it with encoding: GZIP_BASE64/);
      }
      const packed = encodeExport(document, 'GZIP_BASE64', '');
      expect(packed.bytes).toBe(Buffer.byteLength(document.content));
      expect(responseCost(packed.content)).toBeLessThanOrEqual(EXPORT_RESPONSE_BYTES);
      // Deterministic: the same document compresses to the same bytes.
      expect(encodeExport(document, 'GZIP_BASE64', '').content).toBe(packed.content);
      sizes.push(
        `${format}: prose ${packed.bytes.toLocaleString('en-US')} bytes, ${responseCost(document.content).toLocaleString('en-US')} in a response; gzip+base64 ${packed.content.length.toLocaleString('en-US')}`,
      );
    },
  );

  it.each(EXPORT_FORMATS.filter((f) => f !== 'FEDRAMP_CRM_CSV'))('%s: text that does not compress is refused even gzip+base64, with what to do', (format) => {
    const document = exportContract(maximal(noise(2)), format);
    const packed = refusal(() => encodeExport(document, 'GZIP_BASE64', 'Shorten the longest texts.'));
    expect(packed.code).toBe(ErrorCode.RESPONSE_TOO_LARGE);
    expect(packed.message).toMatch(/even compressed: its texts do not compress\. Shorten the longest texts\.$/);
    sizes.push(`${format}: random text ${Buffer.byteLength(document.content).toLocaleString('en-US')} bytes; refused: ${packed.message.split(', more')[0]}`);
  });
});
