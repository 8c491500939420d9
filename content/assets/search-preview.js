/* The live preview only (make serve; loaded by search.js when MkDocs' livereload script is on the
   page). The preview builds the search index just after a saved page is shown
   (generator/mkdocs_glue/preview.py, SearchInBackground): until the new index is in place, the
   search box says so; when it is, search.js loads the engine again and runs the query again. */
(function () {
  "use strict";
  var root = document.querySelector(".md-search[data-pagefind]");
  if (!root) return;
  var engineUrl = new URL(root.getAttribute("data-pagefind"), document.baseURI);
  var stateUrl = new URL("vive-forhaandsvisning.json", engineUrl);
  var result = root.querySelector(".md-search-result");
  var note = document.createElement("p");
  note.className = "vive-search-forhaandsvisning";
  note.setAttribute("role", "status");
  result.insertBefore(note, result.firstChild);
  var asking = false;
  var stale = false;
  // Only the preview says these, so they are here, not on every published page.
  var texts = {
    opdateres:
      "Forhåndsvisning: søgningen opdateres efter din seneste ændring – resultaterne kan mangle den et øjeblik.",
    "ikke-opdateret":
      "Forhåndsvisning: søgningen kunne ikke opdateres efter din seneste ændring (se beskeden i terminalen); resultaterne er fra før.",
  };

  function check() {
    if (asking) return;
    asking = true;
    fetch(stateUrl.href, { cache: "no-store" })
      .then(function (response) {
        return response.ok ? response.json() : {};
      })
      .catch(function () {
        return {};
      })
      .then(function (state) {
        asking = false;
        var now = state && state.soegning;
        var key = now === "opdateres" ? "opdateres" : now === "fejl" ? "ikke-opdateret" : "";
        note.textContent = key ? texts[key] : "";
        if (now === "opdateres") {
          stale = true;
          setTimeout(check, 500);
        } else if (stale) {
          stale = false;
          root.dispatchEvent(new Event("vive-search-refresh"));
        }
      });
  }

  root.querySelector(".md-search__input").addEventListener("input", check);
  check();
})();
