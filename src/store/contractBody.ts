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
  /** About what the parsed body takes in memory (see `memoryEstimate`), for the version cache's budget. */
  readonly memoryBytes: number;
}

export function decodeBody(chunks: readonly Uint8Array[]): DecodedBody {
  const json = gunzipSync(Buffer.concat(chunks.map((c) => Buffer.from(c)))).toString('utf8');
  const parsed = JSON.parse(json) as Responsibility[] | { responsibilities: Responsibility[]; commitments: Commitments };
  const memoryBytes = memoryEstimate(json);
  return Array.isArray(parsed)
    ? { responsibilities: parsed, memoryBytes }
    : { responsibilities: parsed.responsibilities, commitments: parsed.commitments, memoryBytes };
}

/**
 * What a parsed body takes on the heap. Measured on Node 22 (JSON.parse of 120 KB to 2.4 MB bodies,
 * heap after GC): 1.0 to 1.15 times the JSON's length when every character is Latin-1, which V8
 * keeps one byte a character, and about twice that when any is not (two bytes a character). The
 * per-version memo of obligations (domain/obligations/versionMemo.ts) adds well under a tenth.
 * Counted as 1.5 and 2.5 times: an estimate too high only keeps fewer versions warm, one too low
 * lets the cache grow past its budget.
 */
export function memoryEstimate(json: string): number {
  // eslint-disable-next-line no-control-regex -- the test is exactly "any character above U+00FF"
  const twoBytes = /[^\u0000-\u00ff]/.test(json);
  return Math.ceil(json.length * (twoBytes ? 2.5 : 1.5));
}
