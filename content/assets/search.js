/* The search box's results, on top of Pagefind's JavaScript API (pagefind/pagefind.js).
   Loaded by overrides/partials/search.html when the reader first focuses the search box;
   Pagefind's engine (WebAssembly) and index chunks are fetched when the first word is typed.
   About 2 KB instead of Pagefind's ~30 KB default UI: Material already styles the box and the
   result list (md-search classes), so all this adds is the query → list of links.
   Results: page title and excerpt with the words marked, then up to three sections of the
   page that matched, each a deep link to its heading. No requests to other hosts. */
(function () {
  "use strict";
  var root = document.querySelector(".md-search[data-pagefind]");
  if (!root) return;
  var box = root.querySelector(".md-search__input");
  var form = root.querySelector(".md-search__form");
  var result = root.querySelector(".md-search-result");
  var meta = result.querySelector(".md-search-result__meta");
  var list = result.querySelector(".md-search-result__list");
  var toggle = document.getElementById("__search");
  var engineUrl = new URL(root.getAttribute("data-pagefind"), document.baseURI);
  var SHOWN = 10; // pages shown at a time
  var SECTIONS = 3; // deep links under a page
  var engine = null;

  function text(key) {
    return root.getAttribute("data-tekst-" + key);
  }

  function pagefind() {
    if (!engine) {
      engine = import(engineUrl.href).then(function (pf) {
        // The site's root (where pagefind/ lies), so result URLs work under any base path.
        return pf
          .options({
            baseUrl: new URL("..", engineUrl).pathname,
            excerptLength: 24,
            // Theme pages are long by design (perspectives, cases, questions); Pagefind's default
            // length penalty (0.75) let short pages that only mention a word rank above them.
            ranking: { pageLength: 0.3 },
          })
          .then(function () {
          pf.init();
          return pf;
        });
      });
      engine.catch(function () {
        engine = null; // let a later keystroke try again
      });
    }
    return engine;
  }

  function el(tag, cls, html) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (html !== undefined) node.innerHTML = html;
    return node;
  }

  function link(url, heading, title, excerpt) {
    var a = el("a", "md-search-result__link");
    a.href = url;
    var article = el("article", "md-search-result__article md-typeset");
    var h = el(heading);
    h.textContent = title;
    article.appendChild(h);
    // Pagefind's excerpt is escaped text with <mark> around the words that matched.
    if (excerpt) article.appendChild(el("p", "", excerpt));
    a.appendChild(article);
    return a;
  }

  function item(data) {
    var li = el("li", "md-search-result__item");
    li.appendChild(link(data.url, "h1", data.meta.title || data.url, data.excerpt));
    var sections = (data.sub_results || [])
      .filter(function (s) {
        return s.url.indexOf("#") !== -1 && s.title !== data.meta.title;
      })
      .sort(function (a, b) {
        return (b.locations || []).length - (a.locations || []).length;
      })
      .slice(0, SECTIONS);
    sections.forEach(function (s) {
      var a = link(s.url, "h2", s.title, s.excerpt);
      a.classList.add("vive-search-section");
      li.appendChild(a);
    });
    return li;
  }

  // Each result's text (a fragment of a few KB) is fetched when it is shown: ten at a time.
  function render(query, results, from) {
    return Promise.all(
      results.slice(from, from + SHOWN).map(function (r) {
        return r.data();
      })
    ).then(function (datas) {
      if (query !== latest) return;
      if (from === 0) list.textContent = "";
      var old = list.querySelector(".vive-search-more");
      if (old) old.parentNode.removeChild(old);
      datas.forEach(function (data) {
        list.appendChild(item(data));
      });
      var rest = results.length - from - SHOWN;
      if (rest > 0) {
        var li = el("li", "md-search-result__item vive-search-more");
        var button = el("button", "md-search-result__link");
        button.type = "button";
        button.textContent = text("vis-flere").replace("#", String(Math.min(rest, SHOWN)));
        button.addEventListener("click", function () {
          render(query, results, from + SHOWN).then(function () {
            var next = list.querySelectorAll(".md-search-result__item > a:first-child")[from + SHOWN];
            if (next) next.focus();
          });
        });
        li.appendChild(button);
        list.appendChild(li);
      }
      var count = results.length;
      meta.textContent =
        count === 0 ? text("ingen") : count === 1 ? text("en") : text("flere").replace("#", String(count));
      result.setAttribute("data-query", query); // the list now answers this query
    });
  }

  var latest = "";
  function search() {
    var query = box.value.trim();
    latest = query;
    if (!query) {
      list.textContent = "";
      meta.textContent = text("tom");
      result.removeAttribute("data-query");
      return;
    }
    if (!engine) meta.textContent = text("henter");
    pagefind()
      .then(function (pf) {
        return pf.debouncedSearch(query, {}, 120);
      })
      .then(function (found) {
        if (!found || query !== latest) return null; // a later keystroke took over
        return render(query, found.results, 0);
      })
      .catch(function () {
        if (query === latest) meta.textContent = text("fejl");
      });
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll("a, button"));
  }

  box.addEventListener("input", search);
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var first = links()[0];
    if (first) first.click();
  });
  form.addEventListener("reset", function () {
    setTimeout(function () {
      search();
      box.focus();
    });
  });
  // Arrow keys move between the box and the results (Escape: the partial's own lines).
  root.addEventListener("keydown", function (e) {
    var all = links();
    var at = all.indexOf(document.activeElement);
    if (e.key === "ArrowDown" && all.length) {
      e.preventDefault();
      all[Math.min(at + 1, all.length - 1)].focus();
    } else if (e.key === "ArrowUp" && at !== -1) {
      e.preventDefault();
      if (at === 0) box.focus();
      else all[at - 1].focus();
    }
  });
  // A result on the page being read: close the search so the reader sees the section.
  list.addEventListener("click", function (e) {
    if (e.target.closest("a")) toggle.checked = false;
  });
  if (box.value.trim()) search();
  root.setAttribute("data-ready", "");
})();
