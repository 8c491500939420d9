/* Case finder: filters the complete list of cases in the page.
   Without JavaScript the list stays complete and the form stays hidden.
   The filter state lives in the URL query (?type=…&lov=…&region=…&tema=…),
   so a filtered view can be shared. No requests, no libraries. */
(function () {
  "use strict";
  var form = document.getElementById("vive-finder");
  if (!form) return;
  var items = Array.prototype.slice.call(document.querySelectorAll(".vive-finder__case"));
  var none = document.querySelector(".vive-finder__ingen");
  var status = document.getElementById("finder-status");
  var fields = ["type", "lov", "region", "tema"];
  var attr = { type: "data-type", lov: "data-lov", region: "data-region", tema: "data-tema" };

  function has(item, field, value) {
    return (" " + (item.getAttribute(attr[field]) || "") + " ").indexOf(" " + value + " ") !== -1;
  }

  function chosen() {
    var state = {};
    fields.forEach(function (f) {
      if (form.elements[f].value) state[f] = form.elements[f].value;
    });
    return state;
  }

  function apply(state) {
    var shown = 0;
    items.forEach(function (item) {
      var ok = fields.every(function (f) { return !state[f] || has(item, f, state[f]); });
      item.hidden = !ok;
      if (ok) shown += 1;
    });
    if (none) none.hidden = shown !== 0;
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
