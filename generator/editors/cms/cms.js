/* Starts the content editor at /admin/: Decap CMS with the configuration generated from the content
 * model (config.json, written by generator/editors/admin.py), saving every kind of content in the
 * canonical YAML format (canonical-yaml.js: the same writer as `make format-content`). */
(function () {
  'use strict';

  /* What a form hands over, made what the file would hold: a field left empty ('' or null, or an
   * object with nothing filled in) is left out, so the model's default applies (the model strips
   * every text and has no field where an empty text or object is valid); a text of several lines
   * ends with one line break, as a `|` block (Decap's Markdown box drops it). */
  function clean(value) {
    if (typeof value === 'string') {
      return value.indexOf('\n') >= 0 && value.charAt(value.length - 1) !== '\n' ? value + '\n' : value;
    }
    if (Array.isArray(value)) return value.map(clean);
    if (value !== null && typeof value === 'object') {
      var out = {};
      Object.keys(value).forEach(function (key) {
        var v = clean(value[key]);
        if (v === null || v === undefined || v === '') return;
        if (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) return;
        out[key] = v;
      });
      return out;
    }
    return value;
  }

  function note(text) {
    var box = document.getElementById('vive-cms-note');
    box.textContent = text;
    box.hidden = false;
  }

  /* Decap 3.16 leaves three controls of its forms without a name (axe: aria-command-name,
   * button-name, aria-input-field-name; a screen reader says only "knap" or "tekstfelt"): a list
   * item's top bar holds [fold button][drag handle][remove button], all icons, and a Markdown
   * field's text box is not tied to the field's label. Each is named here, also when React adds
   * items later; tests/browser/test_editor.py runs axe on a theme's form. */
  function unnamed(selector) {
    return Array.prototype.filter.call(document.querySelectorAll(selector), function (el) {
      return !el.hasAttribute('aria-label') && !el.hasAttribute('aria-labelledby');
    });
  }
  function nameControls() {
    unnamed('[aria-roledescription="sortable"][role="button"]').forEach(function (handle) {
      handle.setAttribute('aria-label', 'Træk for at flytte punktet');
    });
    unnamed('[class*="StyledListItemTopBar"] > button').forEach(function (button) {
      var first = button === button.parentElement.firstElementChild;
      button.setAttribute('aria-label', first ? 'Fold punktet ud eller sammen' : 'Fjern punktet');
    });
    unnamed('[aria-label="markdown field"] [role="textbox"]').forEach(function (box) {
      var label = box.closest('[aria-label="markdown field"]').querySelector('label[for]');
      if (!label) return;
      label.id = label.id || 'vive-label-' + label.getAttribute('for');
      box.setAttribute('aria-labelledby', label.id);
    });
  }
  new MutationObserver(nameControls).observe(document.body, { childList: true, subtree: true });

  var local = location.hostname === '127.0.0.1' || location.hostname === 'localhost';
  fetch('config.json', { cache: 'no-cache' })
    .then(function (response) { return response.json(); })
    .then(function (setup) {
      if (!setup.config.backend.repo && !local) {
        note('Redigering på det udgivne site er ikke sat op endnu (se README: "Redigering i browseren"). ' +
          'Lokalt: make edit.');
        return;
      }
      Object.keys(setup.formats).forEach(function (kind) {
        var format = setup.formats[kind];
        window.CMS.registerCustomFormat('vive-' + kind, 'yaml', {
          fromFile: function (text) { return window.VIVE_CANONICAL.load(text); },
          toFile: function (data) { return window.VIVE_CANONICAL.dump(clean(data), format.order, format.header); },
        });
      });
      window.CMS.init({ config: setup.config });
    })
    .catch(function (error) { note('Redigeringen kunne ikke starte: ' + error); });
})();
