// Maps a stack trace from the deployed function's logs back to the TypeScript sources: each position in
// src/handler.js (the bundle inside graphql.zip) or in src/exchange.js (the exchange formats beside it,
// build/esbuildPlugins.mjs) becomes file:line:column in src, read from the source maps `npm run package`
// publishes beside the zip (graphql.js.map and graphql-exchange.js.map; README, Deploying). Keep the maps
// of every artifact you deploy: they only fit the bundle they were built with.
//   npx tsx scripts/mapStackTrace.ts .serverless/graphql.js.map < trace.txt
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';

const [mapFile = '.serverless/graphql.js.map'] = process.argv.slice(2);
const read = (file: string) => new SourceMap(JSON.parse(readFileSync(file, 'utf8')));
const exchangeMapFile = mapFile.replace(/\.js\.map$/, '-exchange.js.map');
const maps: Record<string, SourceMap | undefined> = {
  handler: read(mapFile),
  exchange: exchangeMapFile !== mapFile && existsSync(exchangeMapFile) ? read(exchangeMapFile) : undefined,
};

// Stack frames name the bundles as /var/task/src/handler.js:<line>:<column> (both 1-based).
const FRAME = /(?:\/var\/task\/)?src\/(handler|exchange)\.js:(\d+):(\d+)/g;

const mapped = readFileSync(0, 'utf8').replace(FRAME, (frame: string, file: string, line: string, column: string) => {
  const entry = maps[file]?.findEntry(Number(line) - 1, Number(column) - 1) as
    { originalSource?: string; originalLine?: number; originalColumn?: number } | undefined;
  if (!entry?.originalSource || entry.originalLine === undefined || entry.originalColumn === undefined) return frame;
  return `${entry.originalSource.replace(/^(\.\.\/)+/, '')}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
});
process.stdout.write(mapped);
