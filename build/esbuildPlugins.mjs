// esbuild plugins for the Lambda bundle (serverless.yml custom.esbuild.plugins; npm start builds with them
// too). Each one removes code the handler never runs; test/package.test.ts holds the bundle to its size
// limits (README, Deploying) and proves the packaged handler still answers.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One copy of each package. @as-integrations/aws-lambda is CommonJS and `require`s @apollo/server, which
 * src imports: with package exports, esbuild would bundle Apollo's CommonJS build for the one and its ES
 * module build for the other (and each copy's own @graphql-tools and lru-cache). A `require` of these
 * packages resolves to the ES module build too (their CommonJS and ES builds export the same names), so
 * every importer shares one copy, which esbuild can also tree-shake.
 */
const ONE_COPY = /^(@apollo\/server|@graphql-tools\/[^/]+|lru-cache)(\/.*)?$/;

const oneCopy = {
  name: 'onus-one-copy',
  setup(build) {
    build.onResolve({ filter: ONE_COPY }, (args) => {
      if (args.kind !== 'require-call') return undefined;
      return build.resolve(args.path, { kind: 'import-statement', importer: args.importer, resolveDir: args.resolveDir });
    });
  },
};

/**
 * Apollo Server imports its optional plugins with `await import()` when the server starts, unless the
 * matching ...Disabled() plugin is installed. src/server/apollo.ts installs all of them, so these modules
 * never load; the usage-reporting and inline-trace ones alone would pull in @apollo/usage-reporting-protobuf
 * (over 200 KB). They are replaced by a module that fails loudly: a server that ever tried to load one
 * (a Disabled() plugin removed) fails at its first request instead of running without it, and the
 * packaged handler's test would see it.
 */
const LEFT_OUT = /^\.\/plugin\/(usageReporting|schemaReporting|inlineTrace|cacheControl|landingPage\/default)\/index\.js$/;
const APOLLO_SERVER = /@apollo[\\/]server[\\/]dist[\\/]esm[\\/]ApolloServer\.js$/;

const apolloPluginsLeftOut = {
  name: 'onus-apollo-plugins-left-out',
  setup(build) {
    build.onResolve({ filter: LEFT_OUT }, (args) => {
      if (args.kind !== 'dynamic-import' || !APOLLO_SERVER.test(args.importer)) return undefined;
      return { path: args.path, namespace: 'onus-left-out' };
    });
    build.onLoad({ filter: /.*/, namespace: 'onus-left-out' }, (args) => ({
      contents: `throw new Error(${JSON.stringify(
        `Apollo Server tried to load ${args.path}, which the Lambda bundle leaves out (build/esbuildPlugins.mjs): ` +
          'src/server/apollo.ts must keep installing the Disabled() plugin for it, or the bundle must stop leaving it out.',
      )});`,
      loader: 'js',
    }));
  },
};

/**
 * Apollo Server builds a schema with @graphql-tools/schema's makeExecutableSchema only when given typeDefs;
 * src/server/apollo.ts always passes the schema src/server/schema.ts builds with graphql-js alone (issue 11),
 * so the import is replaced by a module whose makeExecutableSchema fails loudly: no @graphql-tools code
 * (over 60 KB) stays in the bundle. A server constructed with typeDefs would fail when constructed, which
 * the packaged handler's test would see.
 */
const GRAPHQL_TOOLS_SCHEMA = /^@graphql-tools\/schema$/;

const apolloTypeDefsLeftOut = {
  name: 'onus-apollo-typedefs-left-out',
  setup(build) {
    build.onResolve({ filter: GRAPHQL_TOOLS_SCHEMA }, (args) => {
      if (!APOLLO_SERVER.test(args.importer)) return undefined;
      return { path: args.path, namespace: 'onus-typedefs-left-out' };
    });
    build.onLoad({ filter: /.*/, namespace: 'onus-typedefs-left-out' }, () => ({
      contents: `export function makeExecutableSchema() {
  throw new Error(${JSON.stringify(
    'Apollo Server was given typeDefs, but the Lambda bundle leaves out @graphql-tools/schema (build/esbuildPlugins.mjs): ' +
      'pass the schema src/server/schema.ts builds, as src/server/apollo.ts does.',
  )});
}`,
      loader: 'js',
    }));
  },
};

/**
 * Apollo checks once per server whether graphql is 17.0.0-alpha.9 (incremental delivery) with
 * `await import('graphql')` and reads `version` and `'experimentalExecuteIncrementally' in` the module.
 * Importing the whole namespace would keep every export of graphql-js in the bundle (tree-shaking can
 * not know which ones are read); this module answers the same two questions for graphql 16.
 */
const APOLLO_INCREMENTAL = /@apollo[\\/]server[\\/]dist[\\/]esm[\\/]incrementalDeliveryPolyfill\.js$/;

const graphqlVersionOnly = {
  name: 'onus-graphql-version-only',
  setup(build) {
    build.onResolve({ filter: /^graphql$/ }, (args) => {
      if (args.kind !== 'dynamic-import' || !APOLLO_INCREMENTAL.test(args.importer)) return undefined;
      return { path: 'graphql-version', namespace: 'onus-graphql-version', pluginData: { resolveDir: args.resolveDir } };
    });
    build.onLoad({ filter: /.*/, namespace: 'onus-graphql-version' }, (args) => ({
      contents: "export { version } from 'graphql';",
      resolveDir: args.pluginData.resolveDir,
      loader: 'js',
    }));
  },
};

/**
 * @apollo/utils.createhash hashes with node:crypto when `module.require` exists, else with sha.js (and
 * some twenty polyfill packages). Inside a bundle `module` is esbuild's own object, without `require`:
 * the bundle would carry sha.js and hash every query in JavaScript. Lambda is Node: node:crypto's
 * createHash has the same interface (update, digest).
 */
const nodeCreateHash = {
  name: 'onus-node-createhash',
  setup(build) {
    build.onResolve({ filter: /^@apollo\/utils\.createhash$/ }, () => ({ path: 'createhash', namespace: 'onus-node-createhash' }));
    build.onLoad({ filter: /.*/, namespace: 'onus-node-createhash' }, () => ({ contents: "export { createHash } from 'node:crypto';", loader: 'js' }));
  },
};

/**
 * The schema without its descriptions, for a stage whose introspection is off: descriptions are
 * documentation that only introspection returns, and they were over half of the schema's data, which every
 * cold start reads (README, Deploying). A stage with introspection on (npm start's `local`, or
 * --param=introspection=true) keeps them. The data holds them under one key (src/server/schemaCodec.ts),
 * which is dropped; the types, fields and arguments stay as they are.
 */
const SCHEMA_DATA = /src[\\/]graphql[\\/]generated[\\/]schemaData\.ts$/;

const schemaWithoutDescriptions = {
  name: 'onus-schema-without-descriptions',
  setup(build) {
    build.onLoad({ filter: SCHEMA_DATA }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const text = /^export const schemaData = (".*");$/m.exec(source)?.[1];
      if (!text) throw new Error(`${args.path} no longer reads \`export const schemaData = "…";\`: update build/esbuildPlugins.mjs with scripts/generate.ts.`);
      const { descriptions, ...data } = JSON.parse(JSON.parse(text));
      if (!descriptions) throw new Error(`${args.path} holds no descriptions to leave out: update build/esbuildPlugins.mjs with src/server/schemaCodec.ts.`);
      return { contents: `export const schemaData = ${JSON.stringify(JSON.stringify(data))};\n`, loader: 'ts' };
    });
  },
};

/**
 * graphql-jit's ES module build imports its own CommonJS files ("./execution.js") and graphql-js's
 * CommonJS ones ("graphql/error/index.js"), so the bundle would carry graphql-js twice, the CommonJS copy
 * whole (~250 KB). Its relative imports resolve to the .mjs beside them, and graphql-js's deep imports to
 * graphql-js's own .mjs files, so graphql-jit shares the one tree-shaken graphql-js src uses.
 */
const GRAPHQL_JIT_ESM = /graphql-jit[\\/]dist[\\/][^\\/]+\.mjs$/;

const graphqlJitEsm = {
  name: 'onus-graphql-jit-esm',
  setup(build) {
    build.onResolve({ filter: /^(\.\/[\w-]+(\.js)?|graphql\/.+\.js)$/ }, (args) => {
      if (!GRAPHQL_JIT_ESM.test(args.importer)) return undefined;
      const esm = args.path.startsWith('./') ? `${args.path.replace(/\.js$/, '')}.mjs` : args.path.replace(/\.js$/, '.mjs');
      return build.resolve(esm, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir });
    });
  },
};

/**
 * graphql-jit imports fast-json-stringify (with ajv and its schema tooling, ~240 KB minified) for one
 * option, `customJSONSerializer`, which src/server/execution.ts does not use: Apollo serialises the
 * result itself. The import is replaced by a function that fails loudly if that option is ever turned
 * on, so the bundle cannot silently lose it.
 */
const GRAPHQL_JIT = /graphql-jit[\\/]dist[\\/]execution\.mjs$/;

const jitSerializerLeftOut = {
  name: 'onus-jit-serializer-left-out',
  setup(build) {
    build.onResolve({ filter: /^fast-json-stringify$/ }, (args) => {
      if (!GRAPHQL_JIT.test(args.importer)) return undefined;
      return { path: 'fast-json-stringify', namespace: 'onus-left-out-serializer' };
    });
    build.onLoad({ filter: /.*/, namespace: 'onus-left-out-serializer' }, () => ({
      contents: `export default function fastJson() { throw new Error(${JSON.stringify(
        "graphql-jit's customJSONSerializer needs fast-json-stringify, which the Lambda bundle leaves out (build/esbuildPlugins.mjs): " +
          'src/server/execution.ts must not turn it on, or the bundle must stop leaving it out.',
      )}); }`,
      loader: 'js',
    }));
  },
};

/**
 * graphql-jit imports both lodash.merge and lodash.mergewith, standalone builds of the same lodash merge
 * (~10 KB each, minified). lodash documents mergeWith with a customizer that returns undefined as merging
 * exactly as merge does, so graphql-jit's merge is that: one copy of the code, not two.
 */
const lodashMergeOnce = {
  name: 'onus-lodash-merge-once',
  setup(build) {
    build.onResolve({ filter: /^lodash\.merge$/ }, (args) => {
      if (!/graphql-jit[\\/]dist[\\/]/.test(args.importer)) return undefined;
      return { path: 'lodash.merge', namespace: 'onus-lodash-merge', pluginData: { resolveDir: args.resolveDir } };
    });
    build.onLoad({ filter: /.*/, namespace: 'onus-lodash-merge' }, (args) => ({
      contents:
        "import mergeWith from 'lodash.mergewith';\nexport default function merge(object, ...sources) { return mergeWith(object, ...sources, () => undefined); }\n",
      resolveDir: args.pluginData.resolveDir,
      loader: 'js',
    }));
  },
};

/**
 * A stage whose authMode is gateway (every deployed stage by default) trusts API Gateway's JWT authorizer
 * and never verifies a token itself (src/auth/authenticate.ts), so it is bundled without jose (~19 KB
 * minified). Loaded with ONUS_AUTH_MODE=verify all the same (the variable changed by hand), the handler
 * fails at its cold start, saying how to package the stage instead of answering without verification.
 * npm start's `local` stage verifies tokens and keeps jose.
 */
const AUTHENTICATE = /src[\\/]auth[\\/]authenticate\.ts$/;

const joseLeftOut = {
  name: 'onus-jose-left-out',
  setup(build) {
    build.onResolve({ filter: /^jose$/ }, (args) => {
      if (!AUTHENTICATE.test(args.importer)) return undefined;
      return { path: 'jose', namespace: 'onus-left-out-jose' };
    });
    build.onLoad({ filter: /.*/, namespace: 'onus-left-out-jose' }, () => ({
      contents: `const leftOut = () => { throw new Error(${JSON.stringify(
        'ONUS_AUTH_MODE=verify needs jose, which this bundle leaves out: it was packaged for a stage whose authMode is gateway ' +
          '(build/esbuildPlugins.mjs). Package the stage with --param=authMode=verify, or set ONUS_AUTH_MODE=gateway behind the JWT authorizer.',
      )}); };
export const createLocalJWKSet = leftOut;
export const createRemoteJWKSet = leftOut;
export const jwtVerify = leftOut;
export const errors = {};
`,
      loader: 'js',
    }));
  },
};

/**
 * The exchange formats (src/domain/exports with csv-parse and csv-stringify, ~80 KB) as a file of their
 * own beside the handler, src/exchange.js, which src/app/exports/exchangeFormats.ts `require`s when an
 * export or an import first needs it: nearly every request never exchanges a document, and a cold start
 * then compiles ~12 % less code (README, Deploying). The handler's require of the formats' entry is left
 * to Node at run time; when the handler is built, the formats are built with the same options beside it,
 * with their source map and metafile. The file holds its own copy of what the formats use from src/domain,
 * so only what is known to hold no state may be in it: the formats, the contract vocabulary they write
 * (src/domain/contracts), text.ts, errors.ts (OnusError is recognised across both copies) and the CSV
 * packages. Anything else (the obligation views' caches, the Catalogue class, a store, a request's state)
 * would then exist twice, so the build fails and writes nothing instead.
 */
const EXCHANGE_LOADER = /src[\\/]app[\\/]exports[\\/]exchangeFormats\.ts$/;
const EXCHANGE_ENTRY = /^\.\.\/\.\.\/domain\/exports\/exchange$/;
const EXCHANGE_FILE = 'exchange.js';
const EXCHANGE_PACKAGES = /(^|[\\/])node_modules[\\/]csv-(parse|stringify)[\\/]/;
const EXCHANGE_DOMAIN = /(^|[\\/])src[\\/]domain[\\/]((exports|contracts)[\\/][\w-]+|text|errors)\.ts$/;
const exchangeMayHold = (path) => EXCHANGE_PACKAGES.test(path) || (!/node_modules/.test(path) && EXCHANGE_DOMAIN.test(path));

const exchangeFormatsApart = {
  name: 'onus-exchange-formats-apart',
  setup(build) {
    let entry;
    build.onStart(() => {
      entry = undefined;
    });
    build.onResolve({ filter: EXCHANGE_ENTRY }, async (args) => {
      if (!EXCHANGE_LOADER.test(args.importer)) return undefined;
      const resolved = await build.resolve(args.path, { kind: 'entry-point', resolveDir: args.resolveDir });
      if (resolved.errors.length) return { errors: resolved.errors };
      entry = resolved.path;
      return { path: `./${EXCHANGE_FILE}`, external: true };
    });
    build.onEnd(async (result) => {
      if (result.errors.length) return;
      if (!entry) {
        throw new Error(`src/app/exports/exchangeFormats.ts no longer requires '../../domain/exports/exchange': update build/esbuildPlugins.mjs with it.`);
      }
      const { outdir, plugins: _plugins, entryPoints: _entryPoints, metafile, ...options } = build.initialOptions;
      const formats = await build.esbuild.build({
        ...options,
        entryPoints: [entry],
        outdir: undefined,
        outfile: join(outdir, EXCHANGE_FILE),
        metafile: true,
        write: false,
        logLevel: 'silent',
      });
      const strays = Object.keys(formats.metafile.inputs).filter((path) => !exchangeMayHold(path));
      if (strays.length) {
        throw new Error(
          `src/exchange.js would hold code that may not exist twice: ${strays.join(', ')}. Keep src/domain/exports to the formats, src/domain/contracts, text.ts and errors.ts, or widen what build/esbuildPlugins.mjs lets in once that code is known to hold no state.`,
        );
      }
      for (const file of formats.outputFiles) writeFileSync(file.path, file.contents);
      if (metafile) writeFileSync(join(outdir, 'exchange-meta.json'), JSON.stringify(formats.metafile, null, 2));
    });
  },
};

/**
 * The plugins, for serverless-esbuild (which calls this with the Serverless instance). The stage's
 * introspection and authMode parameters reach here through serverless.yml custom.onusBundle.
 */
export default function esbuildPlugins(serverless) {
  const bundle = serverless?.service?.custom?.onusBundle ?? {};
  const introspection = String(bundle.introspection ?? 'true') !== 'false';
  const verifiesTokens = String(bundle.authMode ?? 'verify') !== 'gateway';
  return [
    oneCopy,
    apolloPluginsLeftOut,
    apolloTypeDefsLeftOut,
    graphqlVersionOnly,
    nodeCreateHash,
    graphqlJitEsm,
    jitSerializerLeftOut,
    lodashMergeOnce,
    exchangeFormatsApart,
    ...(introspection ? [] : [schemaWithoutDescriptions]),
    ...(verifiesTokens ? [] : [joseLeftOut]),
  ];
}
