// Lets plain `node -r bench/sfu/register-ts.cjs file.ts` load this repository's TypeScript
// the way the jest tiers do (SWC, CommonJS, decorator metadata, the @vetmeet/* path
// aliases): the SFU bench runs two long-lived processes of its own, pinned to separate
// cores, which a jest run would not let it control. Node's built-in type stripping cannot
// do this: our code uses parameter properties, decorators and extension-less imports.
const Module = require('node:module');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { transformSync } = require('@swc/core');

const root = join(__dirname, '..', '..');
const aliases = {
  '@vetmeet/contracts': join(root, 'libs/contracts/src'),
  '@vetmeet/contracts/client': join(root, 'libs/contracts/src/client'),
  '@vetmeet/crypto': join(root, 'libs/crypto/src'),
};

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolveFilename.call(this, aliases[request] ?? request, ...rest);
};

Module._extensions['.ts'] = function (module, filename) {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2023',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};
