import { gzipSync } from 'node:zlib';
import { DEFAULT_REQUEST_LIMITS } from '../../config';
import { ErrorCode, OnusError } from '../../domain/errors';
import type { ContractExport } from '../../domain/exports/formats';

// An exported document as it travels in the response. Some legal contracts export to more than one
// response may carry (README, Limits: a 121-control contract with every text at its limit is 5–7.5 MB
// of OSCAL or CSV): asked as is, such a document is refused with RESPONSE_TOO_LARGE before the
// response is built, with a message naming the alternative; asked gzip+base64, it usually fits
// (contract text compresses about 5×). gzip output is deterministic (no file name, mtime 0), so the
// same version still exports to the same bytes.

export type ExportEncoding = 'NONE' | 'GZIP_BASE64';

/**
 * The most an exported document may cost in the Lambda response: its text is escaped twice (in the
 * GraphQL JSON, then in the Lambda response's JSON, as createHandler measures it), and 100 KB is left
 * for the rest of the response.
 */
export const EXPORT_RESPONSE_BYTES = DEFAULT_REQUEST_LIMITS.responseBytes - 100_000;

export const responseCost = (content: string): number => Buffer.byteLength(JSON.stringify(JSON.stringify(content)));

export function encodeExport<F extends string>(
  document: ContractExport<F>,
  encoding: ExportEncoding,
  smaller: string,
): ContractExport<F> & { readonly encoding: ExportEncoding; readonly bytes: number } {
  const bytes = Buffer.byteLength(document.content, 'utf8');
  const content = encoding === 'GZIP_BASE64' ? gzipSync(Buffer.from(document.content, 'utf8'), { level: 9 }).toString('base64') : document.content;
  const cost = responseCost(content);
  if (cost > EXPORT_RESPONSE_BYTES) {
    const size = `${document.fileName} is ${bytes.toLocaleString('en-US')} bytes${encoding === 'GZIP_BASE64' ? ` (${Buffer.byteLength(content).toLocaleString('en-US')} gzip+base64)` : ''}, ${cost.toLocaleString('en-US')} in the response, more than the ${EXPORT_RESPONSE_BYTES.toLocaleString('en-US')} one export may take`;
    throw new OnusError(
      ErrorCode.RESPONSE_TOO_LARGE,
      encoding === 'NONE'
        ? `${size}. Ask for it with encoding: GZIP_BASE64 (gzip, then base64; npm run export does) and decode it.`
        : `${size} even compressed: its texts do not compress. ${smaller}`,
    );
  }
  return { ...document, content, encoding, bytes };
}
