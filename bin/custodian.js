#!/usr/bin/env node
'use strict';
// The `custodian` command. The TypeScript sources are compiled to dist-node/ by
// `npm install` (the "prepare" script); run `npm run build:node` after editing them.
const path = require('node:path');
const fs = require('node:fs');

const entry = path.join(__dirname, '..', 'dist-node', 'cli', 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write(
    'custodian: the program is not built yet; run "npm install" (or "npm run build:node") in ' + path.join(__dirname, '..') + '\n',
  );
  process.exit(1);
}
require(entry)
  .main(process.argv)
  .then((code) => {
    // exitCode, not exit(): a large export piped to another program must be written out in full
    process.exitCode = code;
  });
