// esbuild plugins for the Lambda bundle (serverless.yml custom.esbuild.plugins; npm start builds with them
// too). Each one removes code the handler never runs; test/package.test.ts holds the bundle to its size
// limits (README, Deploying) and proves the packaged handler still answers.

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

export default [oneCopy, graphqlVersionOnly, nodeCreateHash];
