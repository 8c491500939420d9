/* make edit's content editor (started by generator/editors/edit.py): serves /admin/ from the folder
 * the launcher assembled and saves through decap-server's file-system backend into the project.
 *
 * decap-server alone listens on every interface and writes any path in the repository for any
 * page that reaches it. Here it listens on 127.0.0.1 only; answers only requests addressed to
 * 127.0.0.1 or localhost on its port (a page on another name that resolves here, DNS rebinding,
 * is refused) and only the editor's own page (no other origin); reads and writes only files
 * in themes_data/ (no uploads, no deletes, nothing else of the repository).
 *
 * Environment: VIVE_EDIT_PORT, VIVE_ADMIN_DIR (the /admin/ files), GIT_REPO_DIRECTORY (the project). */
'use strict';
var path = require('path');

var decapDir = path.dirname(require.resolve('decap-server/package.json'));
var express = require(require.resolve('express', { paths: [decapDir] }));
var middlewares = require('decap-server/dist/middlewares');

var port = Number(process.env.VIVE_EDIT_PORT);
var adminDir = process.env.VIVE_ADMIN_DIR;
var CONTENT = 'themes_data/';
var HOSTS = ['127.0.0.1:' + port, 'localhost:' + port];
var ORIGINS = HOSTS.map(function (host) { return 'http://' + host; });
process.env.ORIGIN = ORIGINS[0]; // decap-server's CORS: the editor's own page only
// What the editor does with the content: read, list and save entries (getMedia is answered
// with an empty library; the content has no images).
var ACTIONS = ['info', 'entriesByFolder', 'entriesByFiles', 'getEntry', 'persistEntry', 'getMedia', 'getDeployPreview'];

function refuse(res, why) {
  res.status(403).json({ error: why });
}

function inContent(p) {
  if (typeof p !== 'string') return false;
  var normal = path.posix.normalize(p.replace(/\\/g, '/'));
  return normal.indexOf(CONTENT) === 0 && normal.split('/').indexOf('..') < 0;
}

/* Every path a request names, by action (decap-server's own schema: middlewares.js). */
function pathsOf(body) {
  var params = body.params || {};
  switch (body.action) {
    case 'entriesByFolder': return [params.folder + '/'];
    case 'entriesByFiles': return (params.files || []).map(function (f) { return f.path; });
    case 'getEntry': return [params.path];
    case 'persistEntry': {
      var files = params.dataFiles || [params.entry];
      return files.reduce(function (all, f) {
        return all.concat(f ? [f.path].concat(f.newPath ? [f.newPath] : []) : [undefined]);
      }, []);
    }
    default: return [];
  }
}

var app = express();
app.disable('x-powered-by');
app.use(function (req, res, next) {
  if (HOSTS.indexOf(req.headers.host) < 0) return refuse(res, 'forkert vært');
  if (req.headers.origin && ORIGINS.indexOf(req.headers.origin) < 0) return refuse(res, 'fremmed side');
  next();
});
app.get('/', function (req, res) { res.redirect('/admin/'); });
app.use('/admin', express.static(adminDir, { index: 'index.html', fallthrough: false }));
app.use('/api/v1', express.json({ limit: '5mb' }), function (req, res, next) {
  var body = req.body || {};
  if (ACTIONS.indexOf(body.action) < 0) return refuse(res, 'handlingen bruges ikke her: ' + body.action);
  if (body.action === 'getMedia') return res.json([]);
  if (body.action === 'persistEntry' && ((body.params || {}).assets || []).length) {
    return refuse(res, 'filer kan ikke uploades');
  }
  var bad = pathsOf(body).filter(function (p) { return !inContent(p); });
  if (bad.length) return refuse(res, 'kun filer i themes_data/: ' + bad.join(', '));
  next();
});

middlewares.registerLocalFs(app, { logLevel: process.env.LOG_LEVEL || 'warn' }).then(function () {
  var server = app.listen(port, '127.0.0.1', function () {
    process.stdout.write(JSON.stringify({ listening: ORIGINS[0] }) + '\n');
  });
  server.on('error', function (error) {
    process.stderr.write('Redigeringen kunne ikke starte på 127.0.0.1:' + port + ': ' + error.message + '\n');
    process.exit(1);
  });
});
