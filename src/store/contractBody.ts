import { gunzipSync, gzipSync } from 'node:zlib';
import type { Commitments } from '../domain/contracts/commitments';
import type { Responsibility } from '../domain/contracts/responsibility';
import { validationFailed } from '../domain/errors';

// A contract body (121 responsibilities with long texts) can exceed DynamoDB's 400 KB item limit, so
// it is stored gzipped and, when still too large, split across items. Real contracts compress to a
// single item; the chunk limit keeps the largest one inside a 4 MB transaction with room to spare.
export const CHUNK_BYTES = 350_000;
export const MAX_CHUNKS = 8;

/**
 * A body without commitments is the JSON array of responsibilities, as before commitments existed;
 * with commitments it is `{ responsibilities, commitments }`. decodeBody reads both.
 */
export function encodeBody(responsibilities: readonly Responsibility[], commitments?: Commitments | null): Uint8Array[] {
  const json = commitments?.stated ? JSON.stringify({ responsibilities, commitments }) : JSON.stringify(responsibilities);
  const zipped = gzipSync(Buffer.from(json, 'utf8'));
  const chunks: Uint8Array[] = [];
  for (let offset = 0; offset < zipped.length; offset += CHUNK_BYTES) {
    chunks.push(new Uint8Array(zipped.subarray(offset, offset + CHUNK_BYTES)));
  }
  if (chunks.length > MAX_CHUNKS) {
    throw validationFailed(
      `The contract is too large to store: ${Math.round(zipped.length / 1024)} KB compressed, the limit is ${Math.round((CHUNK_BYTES * MAX_CHUNKS) / 1024)} KB. Shorten the longest texts.`,
      [],
    );
  }
  return chunks.length ? chunks : [new Uint8Array(gzipSync('[]'))];
}

export interface DecodedBody {
  readonly responsibilities: Responsibility[];
  /** Absent in bodies stored before commitments existed, or that state none. */
  readonly commitments?: Commitments;
  /**
   * About what the parsed body takes in memory: JavaScript strings hold two bytes a character and
   * the objects around them roughly as much again, so twice the UTF-16 size of the JSON text.
   */
  readonly memoryBytes: number;
}

export function decodeBody(chunks: readonly Uint8Array[]): DecodedBody {
  const json = gunzipSync(Buffer.concat(chunks.map((c) => Buffer.from(c)))).toString('utf8');
  const parsed = JSON.parse(json) as Responsibility[] | { responsibilities: Responsibility[]; commitments: Commitments };
  const memoryBytes = json.length * 4;
  return Array.isArray(parsed)
    ? { responsibilities: parsed, memoryBytes }
    : { responsibilities: parsed.responsibilities, commitments: parsed.commitments, memoryBytes };
}
