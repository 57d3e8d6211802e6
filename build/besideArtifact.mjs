// A Serverless plugin (serverless.yml plugins, after serverless-esbuild): publishes each function's source
// map and esbuild metafile beside its zip in .serverless/ (or --package), as <function>.js.map and
// <function>-meta.json, instead of inside the zip. The map is most of a zip's bytes and Lambda never reads
// it (the function runs without --enable-source-maps); kept with the artifact it still maps a stack trace
// from the logs back to src (README, Deploying). The metafile says what the bundle is made of
// (scripts/benchBundle.ts, test/package.test.ts). serverless.yml's package patterns keep both out of the zip.
import { copyFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export default class BesideArtifact {
  constructor(serverless) {
    this.serverless = serverless;
    // serverless-esbuild bundles and zips in the same `before` events; plugins run in the order listed.
    this.hooks = {
      'before:package:createDeploymentArtifacts': () => this.publish(),
      'before:deploy:function:packageFunction': () => this.publish(),
    };
  }

  publish() {
    const esbuild = this.serverless.pluginManager.plugins.find((plugin) => plugin.constructor?.name === 'EsbuildServerlessPlugin');
    if (!esbuild?.buildResults || !esbuild.buildDirPath || !esbuild.workDirPath) {
      throw new Error('build/besideArtifact.mjs runs after serverless-esbuild has bundled: list it after serverless-esbuild in serverless.yml plugins.');
    }
    for (const { bundlePath, functionAlias } of esbuild.buildResults) {
      const stem = bundlePath.replace(/\.[cm]?js$/, '');
      // The exchange formats' file beside the handler (build/esbuildPlugins.mjs) has its own map and metafile.
      const beside = join(dirname(bundlePath), 'exchange');
      const files = [
        [`${bundlePath}.map`, `${functionAlias}.js.map`],
        [`${stem}-meta.json`, `${functionAlias}-meta.json`],
        [`${beside}.js.map`, `${functionAlias}-exchange.js.map`],
        [`${beside}-meta.json`, `${functionAlias}-exchange-meta.json`],
      ];
      for (const [built, published] of files) {
        const source = join(esbuild.buildDirPath, built);
        if (!existsSync(source)) throw new Error(`${built} was not built: serverless.yml custom.esbuild must keep sourcemap and metafile on.`);
        copyFileSync(source, join(esbuild.workDirPath, '.serverless', published));
      }
    }
  }
}
