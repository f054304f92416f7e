import { describe, expect, it } from 'vitest';

import { CONFIG_NAMES, PARSERS, filenameFor, lintCleanly } from './harness';

/** Files with nothing (or nearly nothing) in them: every rule must stay silent and not throw. */
const INPUTS: readonly [string, string][] = [
  ['an empty file', ''],
  ['a single newline', '\n'],
  ['whitespace only', ' \t\n\r\n   \u00a0\n\t'],
  ['a BOM only', '\ufeff'],
  ['a line comment only', '// app.get("/", (req, res) => fs.readFileSync("x"))'],
  ['a block comment only', '/* http.createServer(); server.listen(3000); fetch(url) */'],
  ['a JSDoc comment only', '/**\n * @param {import("express").Request} req\n */\n'],
  ['comments of both kinds', '/* a */ // b\n/* process.on("SIGTERM") */\n// req.on("data")\n'],
  ['an unterminated-looking comment pair', '/* /* nested? */ // */\n'],
  ['a shebang line only', '#!/usr/bin/env node'],
  ['a shebang line and a newline', '#!/usr/bin/env node\n'],
  ["'use strict' only", "'use strict';"],
  ['"use strict" without a semicolon', '"use strict"\n'],
  ['a shebang, a directive and a comment', "#!/usr/bin/env node\n'use strict';\n// nothing else\n"],
  ['an empty statement', ';'],
  ['empty statements and blocks', ';;{}{;};\n'],
];

describe.each(CONFIG_NAMES)('trivial inputs with the %s config', (config) => {
  describe.each(PARSERS)('on %s', (parser) => {
    it.each(INPUTS)('%s', (_, code) => {
      expect(lintCleanly(code, { parser, config })).toEqual([]);
    });

    it.each(['file.js', 'file.cjs', 'file.mjs', 'file.jsx', 'file.ts', 'file.tsx', 'file.mts', 'file.cts', 'app/api/x/route.ts', 'pages/api/x.ts', 'server.test.ts'])(
      'an empty file named %s',
      (filename) => {
        expect(lintCleanly('', { parser, config, filename: filenameFor(parser, filename) })).toEqual([]);
      },
    );
  });

  it.each(INPUTS)('%s as a sloppy script', (_, code) => {
    expect(lintCleanly(code, { parser: 'espree', config, sourceType: 'script' })).toEqual([]);
  });
});
