/* The project's side of the canonical format (generator/editors/canonical.py runs it):
 * reads [{data, order, header}, …] as JSON on standard input, writes the canonical text of
 * each, as a JSON list, to standard output. `--load` instead reads a list of texts and
 * writes what the editor's reader makes of each (the differential tests). */
'use strict';
var canonical = require('./canonical-yaml.js');

var chunks = [];
process.stdin.on('data', function (chunk) { chunks.push(chunk); });
process.stdin.on('end', function () {
  var input = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  var out = process.argv.indexOf('--load') >= 0
    ? input.map(function (text) {
      try { return { data: canonical.load(text) }; } catch (e) { return { error: String(e.message) }; }
    })
    : input.map(function (file) {
      try { return { text: canonical.dump(file.data, file.order, file.header) }; } catch (e) { return { error: String(e.message) }; }
    });
  process.stdout.write(JSON.stringify(out));
});
