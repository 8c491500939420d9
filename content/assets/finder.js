/* Case finder: filters the complete list of cases in the page.
   Without JavaScript the list stays complete and the form stays hidden.
   The filter state lives in the URL query (?type=…&lov=…&region=…&tema=…),
   so a filtered view can be shared. No requests, no libraries.
   Every choice shows how many cases it would find with the other choices kept; a choice that
   finds nothing says why (a theme of the other mapping than the cases chosen; a theme no source
   links to a case) instead of showing an empty list. */
(function () {
  "use strict";
  var form = document.getElementById("vive-finder");
  if (!form) return;
  var items = Array.prototype.slice.call(document.querySelectorAll(".vive-finder__case"));
  var none = document.querySelector(".vive-finder__ingen");
  var advice = document.querySelector(".vive-finder__raad");
  var why = Array.prototype.slice.call(document.querySelectorAll(".vive-finder__tom"));
  var elsewhere = Array.prototype.slice.call(document.querySelectorAll(".vive-finder__anden"));
  var note = document.querySelector(".vive-finder__note");
  var status = document.getElementById("finder-status");
  var fields = ["type", "lov", "region", "tema"];
  var attr = { type: "data-type", lov: "data-lov", region: "data-region", tema: "data-tema" };

  function has(item, field, value) {
    return (" " + (item.getAttribute(attr[field]) || "") + " ").indexOf(" " + value + " ") !== -1;
  }

  function matches(item, state) {
    return fields.every(function (f) { return !state[f] || has(item, f, state[f]); });
  }

  // A theme chosen with other choices that no case of its mapping has, while cases of another
  // mapping do (Botilbud and a bostøtte theme): that mapping, not the sources, is the reason.
  // The paragraph of the theme's mapping, with the theme's and the other mappings' names filled in.
  function otherMapping(state) {
    if (!state.tema) return null;
    var option = form.elements.tema.selectedOptions[0];
    var group = option && option.parentNode;
    if (!group || !group.getAttribute("data-kortlaegning")) return null;
    var rest = Object.assign({}, state);
    delete rest.tema;
    var fitting = items.filter(function (item) { return matches(item, rest); });
    var own = group.getAttribute("data-kortlaegning");
    if (!fitting.length || fitting.some(function (i) { return i.getAttribute("data-kortlaegning") === own; })) return null;
    var names = [];
    Array.prototype.forEach.call(form.elements.tema.querySelectorAll("optgroup"), function (g) {
      var id = g.getAttribute("data-kortlaegning");
      if (fitting.some(function (i) { return i.getAttribute("data-kortlaegning") === id; })) names.push(g.getAttribute("data-navn"));
    });
    var p = elsewhere.filter(function (e) { return e.getAttribute("data-kortlaegning") === own; })[0];
    if (!p) return null;
    p.querySelector(".vive-finder__valgt-tema").textContent = "Tema " + option.getAttribute("data-navn");
    p.querySelector(".vive-finder__andre").textContent = names.join(" eller ");
    return p;
  }

  function chosen() {
    var state = {};
    fields.forEach(function (f) {
      if (form.elements[f].value) state[f] = form.elements[f].value;
    });
    return state;
  }

  // Each option's label with the number of cases it finds, the other fields as they are.
  function count(state) {
    fields.forEach(function (f) {
      Array.prototype.forEach.call(form.elements[f].options, function (option) {
        var name = option.getAttribute("data-navn");
        if (!name) return;
        var other = Object.assign({}, state);
        other[f] = option.value;
        var n = items.filter(function (item) { return matches(item, other); }).length;
        option.textContent = name + " (" + n + (n === 1 ? " case)" : " cases)");
      });
    });
  }

  function apply(state) {
    var shown = 0;
    items.forEach(function (item) {
      var ok = matches(item, state);
      item.hidden = !ok;
      if (ok) shown += 1;
    });
    var several = Object.keys(state).length > 1;
    // A theme that no source links to a case: the reason, not an empty list.
    var reason = shown === 0 ? otherMapping(state) : null;
    elsewhere.forEach(function (p) { p.hidden = p !== reason; });
    why.forEach(function (p) {
      var fits = shown === 0 && reason === null && p.getAttribute("data-tema") === state.tema;
      p.hidden = !fits;
      if (fits) reason = p;
    });
    if (none) none.hidden = shown !== 0 || reason !== null;
    if (advice) advice.hidden = !(shown === 0 && several && reason === null);
    // "… cases står uden tema" only while the list shows such a case.
    if (note) note.hidden = !items.some(function (i) { return !i.hidden && !i.getAttribute("data-tema"); });
    count(state);
    var filtered = Object.keys(state).length > 0;
    status.textContent = filtered
      ? "Viser " + shown + " af " + items.length + " cases."
      : "Viser alle " + items.length + " cases.";
  }

  function toUrl(state) {
    var params = new URLSearchParams();
    fields.forEach(function (f) { if (state[f]) params.set(f, state[f]); });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  function fromUrl() {
    var params = new URLSearchParams(location.search);
    fields.forEach(function (f) {
      var select = form.elements[f];
      var value = params.get(f) || "";
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
      select.value = known ? value : "";
    });
  }

  form.addEventListener("change", function () {
    var state = chosen();
    apply(state);
    toUrl(state);
  });
  form.addEventListener("reset", function () {
    setTimeout(function () { apply({}); toUrl({}); }, 0);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });

  form.hidden = false;
  fromUrl();
  apply(chosen());
})();
