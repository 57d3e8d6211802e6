// Maps a stack trace from the deployed function's logs back to the TypeScript sources: each position in
// src/handler.js (the bundle inside graphql.zip) becomes file:line:column in src, read from the source map
// `npm run package` publishes beside the zip (build/besideArtifact.mjs; README, Deploying). Keep the map
// of every artifact you deploy: it only fits the bundle it was built with.
//   npx tsx scripts/mapStackTrace.ts .serverless/graphql.js.map < trace.txt
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';

const [mapFile = '.serverless/graphql.js.map'] = process.argv.slice(2);
const map = new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8')));

// Stack frames name the bundle as /var/task/src/handler.js:<line>:<column> (both 1-based).
const FRAME = /(?:\/var\/task\/)?src\/handler\.js:(\d+):(\d+)/g;

const mapped = readFileSync(0, 'utf8').replace(FRAME, (frame: string, line: string, column: string) => {
  const entry = map.findEntry(Number(line) - 1, Number(column) - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number };
  if (!entry.originalSource || entry.originalLine === undefined || entry.originalColumn === undefined) return frame;
  return `${entry.originalSource.replace(/^(\.\.\/)+/, '')}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
});
process.stdout.write(mapped);
