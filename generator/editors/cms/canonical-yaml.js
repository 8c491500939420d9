/* The one canonical YAML format of themes_data/: what the project's formatter writes
 * (`python -m generator format`, through format.js) and what the content editor saves
 * (/admin/, as Decap CMS's custom format). One implementation, used by both: js-yaml's
 * writer with fixed options, the keys put in the content model's order first.
 *
 * The format: line 1 is the file's `# yaml-language-server: $schema=…` header; then block
 * style, keys in the model's order (unknown keys after, as found), a list's `- ` at its key's
 * column, `[]`/`{}` when empty, a text with a line break as a `|` block, every other text
 * plain unless js-yaml's rules (YAML 1.1 and 1.2 alike) need quotes, then single quotes;
 * no line is ever folded, so one paragraph is one line and a changed word changes one line.
 *
 * Reading (`load`) uses the project's own scalar rules (generator/content/yamlsource.py):
 * only true/false are booleans, integers have no leading zero, dates stay text.
 * Works in Node (module.exports, js-yaml from node_modules) and in the browser
 * (window.VIVE_CANONICAL, js-yaml's own browser build loaded before it). */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require('js-yaml'));
  else root.VIVE_CANONICAL = factory(root.jsyaml);
})(this, function (yaml) {
  'use strict';

  var DUMP_OPTIONS = {
    indent: 2,
    noArrayIndent: true, // `- ` at its key's column
    lineWidth: -1, // never fold a line
    noRefs: true, // never an anchor, even for a value met twice
    quotingType: "'",
    forceQuotes: false,
    sortKeys: false, // the model's order: ordered() below
    schema: yaml.DEFAULT_SCHEMA, // quote whatever any YAML reader could take for a non-text
  };

  function scalarType(tag, pattern, construct, predicate) {
    return new yaml.Type('tag:yaml.org,2002:' + tag, {
      kind: 'scalar',
      resolve: function (text) { return text !== null && pattern.test(text); },
      construct: construct,
      predicate: predicate,
    });
  }
  // The patterns of generator/content/yamlsource.py's resolvers, verbatim.
  var PROJECT_SCHEMA = yaml.FAILSAFE_SCHEMA.extend({
    implicit: [
      scalarType('null', /^(?:~|null|Null|NULL|)$/, function () { return null; },
        function (v) { return v === null; }),
      scalarType('bool', /^(?:true|True|TRUE|false|False|FALSE)$/,
        function (t) { return t[0] === 't' || t[0] === 'T'; },
        function (v) { return typeof v === 'boolean'; }),
      scalarType('int', /^[-+]?(?:0|[1-9][0-9]{0,17})$/, function (t) { return parseInt(t, 10); },
        function (v) { return typeof v === 'number' && Number.isInteger(v); }),
      scalarType('float', /^[-+]?(?:(?:0|[1-9][0-9]*)\.[0-9]+(?:[eE][-+]?[0-9]+)?)$/,
        function (t) { return parseFloat(t); },
        function (v) { return typeof v === 'number' && !Number.isInteger(v); }),
    ],
  });

  function isMapping(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  }

  /* A copy of `value` with every mapping's keys in the order of `order`
   * ({keys: [...], props: {key: order}, items: order}, made from the model's JSON Schema). */
  function ordered(value, order) {
    if (Array.isArray(value)) {
      return value.map(function (item) { return ordered(item, order && order.items); });
    }
    if (!isMapping(value)) return value;
    var known = ((order && order.keys) || []).filter(function (k) {
      return Object.prototype.hasOwnProperty.call(value, k);
    });
    var keys = known.concat(Object.keys(value).filter(function (k) { return known.indexOf(k) < 0; }));
    var out = {};
    keys.forEach(function (k) { out[k] = ordered(value[k], order && order.props && order.props[k]); });
    return out;
  }

  /* The canonical text of one file. */
  function dump(data, order, header) {
    if (!isMapping(data)) throw new TypeError('a content file holds a mapping');
    return header + '\n' + yaml.dump(ordered(data, order), DUMP_OPTIONS);
  }

  function load(text) {
    return yaml.load(text, { schema: PROJECT_SCHEMA });
  }

  return { dump: dump, load: load, ordered: ordered };
});
