import type * as ExchangeFormats from '../../domain/exports/exchange';

/**
 * The exchange formats, loaded when an export or an import first needs them. They are ~80 KB of the
 * Lambda bundle with the CSV packages, and nearly every request never exchanges a document, so the
 * bundle carries them as a file of its own, src/exchange.js beside src/handler.js
 * (build/esbuildPlugins.mjs): a cold start does not compile them; the first export or import in a
 * warm function loads them once (Node keeps the module), a few milliseconds (README, Deploying).
 * Outside the bundle (tests, scripts) this is an ordinary require of the TypeScript module.
 */
export function exchangeFormats(): typeof ExchangeFormats {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
  return require('../../domain/exports/exchange') as typeof ExchangeFormats;
}
