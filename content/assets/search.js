/* The search box's results, on top of Pagefind's JavaScript API (pagefind/pagefind.js).
   Loaded by overrides/partials/search.html when the reader first focuses the search box;
   Pagefind's engine (WebAssembly) and index chunks are fetched when the first word is typed.
   About 2 KB instead of Pagefind's ~30 KB default UI: Material already styles the box and the
   result list (md-search classes), so all this adds is the query → list of links.
   Results: page title and excerpt with the words marked, then up to three sections of the
   page that matched, each a deep link to its heading. No requests to other hosts.
   A query Pagefind answers only by a shorter start of a word ("patient" → "på", "vinter" → "vi":
   Pagefind shortens a word it does not know until something matches) is answered honestly:
   "Ingen resultater for »patient«", never those pages as if they answered it. Then "Mente du …?":
   the nearest words of the site's own vocabulary (pagefind/vive-ord.json, written at build time by
   generator/render/search_index.py and fetched only then) that do find something: a word one or two
   letters off, a compound split in two, a theme's word that shares the query's stem or is the head
   of the compound typed, or the query without the word the site does not have; only their pages
   are shown. With none of those: the ways in that always work (each mapping's themes, the finder).
   A page that has no content yet (a perspective not reproduced, data-pagefind-filter
   "indhold:tom") comes after every page that has, and its result says what it is. */
(function () {
  "use strict";
  var root = document.querySelector(".md-search[data-pagefind]");
  if (!root) return;
  var box = root.querySelector(".md-search__input");
  var form = root.querySelector(".md-search__form");
  var result = root.querySelector(".md-search-result");
  var meta = result.querySelector(".md-search-result__meta");
  var list = result.querySelector(".md-search-result__list");
  var ways = result.querySelector(".vive-search-veje"); // shown when nothing matches
  var toggle = document.getElementById("__search");
  var engineUrl = new URL(root.getAttribute("data-pagefind"), document.baseURI);
  var SHOWN = 10; // pages shown at a time
  var SECTIONS = 3; // deep links under a page
  var engine = null;
  var script = document.currentScript.src; // this file's address: its neighbours are beside it

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

  function escape(str) {
    var node = document.createElement("span");
    node.textContent = str;
    return node.innerHTML;
  }

  // An excerpt drawn from the theme's hidden search words (meta "soegeord", theme.md.j2) would
  // show the reader a list of keywords: show the opening of the page instead.
  function readable(excerpt, data) {
    var words = (data.meta.soegeord || "").split(", ").filter(Boolean);
    var plain = (excerpt || "").replace(/<[^>]*>/g, "");
    var hits = words.filter(function (w) {
      return plain.toLowerCase().indexOf(w) !== -1;
    });
    if (!words.length || hits.length < Math.min(2, words.length)) return excerpt;
    var content = data.content || "";
    var title = data.meta.title || "";
    if (title && content.indexOf(title) === 0) content = content.slice(title.length).replace(/^[.\s]+/, "");
    var opening = content.split(/\s+/).slice(0, 24).join(" ");
    return escape(opening) + (opening.length < content.length ? " …" : "");
  }

  function item(data) {
    var li = el("li", "md-search-result__item");
    // A page without content yet: what it is, not an excerpt of its few lines.
    var shown = data.meta.tom ? "<em>" + escape(data.meta.tom) + "</em>" : readable(data.excerpt, data);
    li.appendChild(link(data.url, "h1", data.meta.title || data.url, shown));
    if (data.meta.tom) return li;
    var sections = (data.sub_results || [])
      .filter(function (s) {
        return s.url.indexOf("#") !== -1 && s.title !== data.meta.title;
      })
      .sort(function (a, b) {
        return (b.locations || []).length - (a.locations || []).length;
      })
      .slice(0, SECTIONS);
    sections.forEach(function (s) {
      var a = link(s.url, "h2", s.title, readable(s.excerpt, data));
      a.classList.add("vive-search-section");
      li.appendChild(a);
    });
    return li;
  }

  // Each result's text (a fragment of a few KB) is fetched when it is shown: ten at a time.
  // `note`: the nearest words when the query has a word the site does not use ("Mente du …?").
  function render(query, results, from, note) {
    return Promise.all(
      results.slice(from, from + SHOWN).map(function (r) {
        return r.data();
      })
    ).then(function (datas) {
      if (query !== latest) return;
      if (from === 0) {
        list.textContent = "";
        if (note && note.words.length) list.appendChild(suggestion(note.words));
        if (ways) ways.hidden = results.length > 0;
      }
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
      if (from === 0) meta.textContent = status(results.length, note);
      result.setAttribute("data-query", query); // the list now answers this query
    });
  }

  function count(n) {
    return n === 0 ? text("ingen") : n === 1 ? text("en") : text("flere").replace("#", String(n));
  }

  // A query the site has no word for: said first, then what is shown instead (if anything).
  function status(n, note) {
    if (!note) return count(n);
    var none = text("ingen-for").replace("#", note.query);
    if (!n) return none;
    return none + " " + text("viser").replace("#", note.words[0]) + ": " + count(n).toLowerCase() + ".";
  }

  // "Mente du beskæftigelse?": each word a button that searches for it.
  function suggestion(words) {
    var li = el("li", "md-search-result__item vive-search-suggest");
    var p = el("p", "md-search-result__article");
    p.appendChild(document.createTextNode(text("mente") + " "));
    words.forEach(function (q, n) {
      var button = el("button", "vive-search-suggest__ord");
      button.type = "button";
      button.textContent = q;
      button.addEventListener("click", function () {
        box.value = q;
        box.focus();
        search();
      });
      if (n) p.appendChild(document.createTextNode(n === words.length - 1 ? " eller " : ", "));
      p.appendChild(button);
    });
    p.appendChild(document.createTextNode("?"));
    li.appendChild(p);
    return li;
  }

  // --- "Mente du …?" ---------------------------------------------------------------------
  var vocabulary = null; // {words: most frequent first, known: Set}
  function loadVocabulary() {
    if (!vocabulary) {
      vocabulary = fetch(new URL(root.getAttribute("data-ordliste"), document.baseURI).href)
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (data) {
          // The indexed words, most frequent first, and the themes' own words (titles, soegeord).
          return { words: data.ord, known: new Set(data.ord), theme: data.temaord || [] };
        });
      vocabulary.catch(function () {
        vocabulary = null;
      });
    }
    return vocabulary;
  }

  // Edit distance (Damerau: a swap of two letters is one edit), giving up above `max`.
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var before = null;
    var prev = [];
    for (var j = 0; j <= b.length; j++) prev[j] = j;
    for (var i = 1; i <= a.length; i++) {
      var cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, before[j - 2] + 1);
        cur[j] = v;
        if (v < best) best = v;
      }
      if (best > max) return max + 1;
      before = prev;
      prev = cur;
    }
    return prev[b.length];
  }

  function known(word, vocab) {
    if (vocab.known.has(word)) return true;
    return vocab.words.some(function (w) {
      return w.indexOf(word) === 0; // Pagefind finds a word by its start
    });
  }

  // Words of the vocabulary one or two edits from `word` (or from its start: a word being
  // typed), nearest and most frequent first.
  function corrections(word, vocab) {
    if (word.length < 4) return [];
    var max = word.length >= 8 ? 2 : 1;
    var found = [];
    vocab.words.forEach(function (w, rank) {
      var d = distance(word, w, max);
      if (d > max && w.length > word.length) d = distance(word, w.slice(0, word.length), max) + 0.5;
      if (d <= max + 0.5) found.push({ word: w, score: d * 10000 + rank });
    });
    return found
      .sort(function (a, b) {
        return a.score - b.score;
      })
      .map(function (c) {
        return c.word;
      });
  }

  // A compound as two words of the vocabulary: "beskæftigelsesindsats" → "beskæftigelse indsats"
  // (a joining s or e dropped); the second part may be the start of a word.
  function splits(word, vocab) {
    var found = [];
    for (var i = word.length - 3; i >= 3; i--) {
      var left = word.slice(0, i);
      var right = word.slice(i);
      if (!vocab.known.has(left)) {
        if (/[se]$/.test(left) && vocab.known.has(left.slice(0, -1))) left = left.slice(0, -1);
        else continue;
      }
      if (known(right, vocab)) found.push(left + " " + right);
    }
    return found;
  }

  // A theme's word for a word that is not a typo of any site word: one that shares its stem
  // ("kammeratskab" → "kammerater") or is the head of the compound typed (Danish compounds end in
  // their head: "vennefællesskab" → "fællesskab").
  var STEM = 5;
  function related(word, vocab) {
    if (word.length < STEM) return [];
    return vocab.theme.filter(function (t) {
      if (t === word || t.length < STEM) return false;
      var n = 0;
      while (n < t.length && n < word.length && t[n] === word[n]) n++;
      if (n >= STEM && n >= 0.6 * Math.min(t.length, word.length)) return true;
      for (var i = word.length - t.length; i >= 3; i--) {
        if (word.indexOf(t, i) === i && ENDING_OR_NONE.test(word.slice(i + t.length))) return true;
      }
      return false;
    });
  }

  function alternatives(query, vocab) {
    var words = query.toLowerCase().split(/\s+/).filter(Boolean);
    var at = -1;
    for (var i = 0; i < words.length; i++) {
      if (!known(words[i], vocab)) {
        at = i;
        break;
      }
    }
    if (at === -1) return [];
    // Splits into two real words first; a split with a three-letter part ("til ang") only
    // after the corrections ("tilgang").
    var parts = splits(words[at], vocab);
    var strong = parts.filter(function (q) {
      return q.split(" ").every(function (w) {
        return w.length >= 4;
      });
    });
    var weak = parts.filter(function (q) {
      return strong.indexOf(q) === -1;
    });
    var options = strong.concat(corrections(words[at], vocab), related(words[at], vocab), weak);
    if (words.length > 1) options.push(""); // the query without the word the site does not have
    var seen = {};
    return options
      .map(function (option) {
        return words.slice(0, at).concat(option ? [option] : [], words.slice(at + 1)).join(" ");
      })
      .filter(function (q) {
        if (seen[q]) return false;
        seen[q] = true;
        return true;
      })
      .slice(0, 8);
  }

  // Did Pagefind find the words typed? Each word must start a marked word of the excerpts, or
  // be a marked word with a Danish ending ("netværket" → "netværk", "relationerne" → "relation":
  // Pagefind's stemming). A word Pagefind does not know it answers with the pages of a shorter
  // start ("familje" → "fa…", "fællesqkaber" → "fælles", "familienetværk" → "familie"): those
  // marks fit neither way.
  var ENDING = /^(e|s|r|n|t|en|et|er|es|ne|ns|ts|rs|ene|ens|ets|ers|ere|erne|ernes|enes|ede|ende|endes|este)$/;
  var ENDING_OR_NONE = /^(|e|s|r|n|t|en|et|er|es|ne|ns|ts|rs|ene|ens|ets|ers|ere|erne|ernes|enes|ede|ende|endes|este)$/;
  function answers(query, datas) {
    var marked = [];
    datas.forEach(function (data) {
      [data.excerpt].concat((data.sub_results || []).map(function (s) {
        return s.excerpt;
      })).forEach(function (excerpt) {
        (excerpt || "").replace(/<mark>([^<]*)<\/mark>/g, function (all, word) {
          marked.push(word.toLowerCase().replace(/[-\u00ad]/g, ""));
          return all;
        });
      });
    });
    return query
      .toLowerCase()
      .split(/\s+/)
      .filter(Boolean)
      .every(function (w) {
        return marked.some(function (m) {
          return m.indexOf(w) === 0 || (w.indexOf(m) === 0 && ENDING.test(w.slice(m.length)));
        });
      });
  }

  // The nearest queries that find something (each checked with a real search: the index chunks
  // are mostly those the query itself fetched), and what the best of them finds.
  function nearest(pf, query, vocab) {
    var options = alternatives(query, vocab);
    return Promise.all(
      options.map(function (q) {
        return pf.search(q);
      })
    ).then(function (found) {
      var good = [];
      var best = null;
      options.forEach(function (q, n) {
        if (found[n] && found[n].results.length && good.length < 3) {
          good.push(q);
          if (!best) best = found[n];
        }
      });
      if (!best) return null;
      return ranked(pf, good[0], best).then(function (results) {
        return { words: good, results: results };
      });
    });
  }

  // Pagefind's order, with the pages that have no content yet (filter indhold: tom) after all others.
  function ranked(pf, query, found) {
    if (!found.results.length) return Promise.resolve(found.results);
    return pf.search(query, { filters: { indhold: "tom" } }).then(
      function (empty) {
        var ids = {};
        empty.results.forEach(function (r) {
          ids[r.id] = true;
        });
        return found.results
          .filter(function (r) {
            return !ids[r.id];
          })
          .concat(
            found.results.filter(function (r) {
              return ids[r.id];
            })
          );
      },
      function () {
        return found.results;
      }
    );
  }

  var latest = "";
  function search() {
    var query = box.value.trim();
    latest = query;
    if (!query) {
      list.textContent = "";
      if (ways) ways.hidden = true;
      meta.textContent = text("tom");
      result.removeAttribute("data-query");
      return;
    }
    if (!engine) meta.textContent = text("henter");
    var pf = null;
    pagefind()
      .then(function (engine) {
        pf = engine;
        return pf.debouncedSearch(query, {}, 120);
      })
      .then(function (found) {
        if (!found || query !== latest) return null; // a later keystroke took over
        return ranked(pf, query, found);
      })
      .then(function (results) {
        if (!results || query !== latest) return null;
        // The first results' texts (shown next anyway; Pagefind keeps them) tell whether it
        // found the words typed.
        return Promise.all(
          results.slice(0, SHOWN).map(function (r) {
            return r.data();
          })
        ).then(function (datas) {
          if (query !== latest) return null;
          if (results.length && answers(query, datas)) return render(query, results, 0);
          // Only now the vocabulary (about 7 KB): a reader who types words the site has never
          // fetches it. Without it (an old build, the network) the plain answer stays.
          return loadVocabulary()
            .then(
              function (vocab) {
                return nearest(pf, query, vocab);
              },
              function () {
                return null;
              }
            )
            .then(function (near) {
              if (query !== latest) return null;
              // Pagefind's own results matched only a shorter start of a word: never shown as an
              // answer. The nearest word's pages instead, or none and the ways in.
              if (!near) return render(query, [], 0, { words: [], query: query });
              return render(query, near.results, 0, { words: near.words, query: query });
            });
        });
      })
      .catch(function () {
        if (query === latest) meta.textContent = text("fejl");
      });
  }

  function links() {
    var all = Array.prototype.slice.call(list.querySelectorAll("a, button"));
    if (ways && !ways.hidden) all = all.concat(Array.prototype.slice.call(ways.querySelectorAll("a")));
    return all;
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
  // The live preview (make serve: its livereload script is on the page) indexes each save just
  // after showing it; assets/search-preview.js says so and asks for the query again when done.
  root.addEventListener("vive-search-refresh", function () {
    var old = engine;
    engine = null;
    Promise.resolve(old)
      .then(function (pf) {
        return pf && pf.destroy();
      })
      .catch(function () {})
      .then(search);
  });
  if (typeof window.livereload === "function") {
    var helper = document.createElement("script");
    helper.src = new URL("search-preview.js", script).href;
    document.body.appendChild(helper);
  }
  if (box.value.trim()) search();
  root.setAttribute("data-ready", "");
})();
