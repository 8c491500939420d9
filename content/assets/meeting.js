/* The meeting mode, loaded by its button's few lines (generator/templates/_moede_knap.md.j2)
   only when a reader starts it or a link asks for it.
   A modal <dialog> for a shared screen (focus stays in it; Escape closes it and focus goes back
   to the button), in two kinds:
   - "tema" (Start teammødet, a theme page): Kort fortalt to read aloud, the questions one at a
     time, the team's agreement; a timer for the guide's time boxes. ?teammoede=N is step N.
   - "traek" (Træk et kort, a mapping's question cards): one random card at a time, no card twice
     until every card of the chosen themes has been drawn. ?traek opens it.
   Everything it shows is read from the page's own HTML, which the generator renders from the
   YAML. Nothing is sent anywhere: the agreement is kept in this browser (localStorage) only. */
(() => {
  "use strict";
  if (window.viveMoede) return;  // loaded twice by a quick double click

  // Its styles, before anything is shown (a failed load still opens the mode, unstyled).
  const styled = new Promise((done) => {
    const link = Object.assign(document.createElement("link"), { rel: "stylesheet", onload: done, onerror: done });
    link.href = document.currentScript.src.replace(/[^/]*$/, "meeting.css");
    document.head.append(link);
  });

  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (key === "text") node.textContent = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value);
    }
    node.append(...children);
    return node;
  };
  const button = (text, attrs = {}) => el("button", { type: "button", class: "vive-moede__knap", text, ...attrs });
  // Headings carry soft hyphens (U+00AD, render/hyphenate.py): never in a copied text.
  const words = (node) => node.textContent.replace(/[¶\u00ad]/g, "").replace(/\s+/g, " ").trim();
  const copyOf = (node) => {
    const clone = node.cloneNode(true);
    clone.removeAttribute("id");
    clone.querySelectorAll("[id]").forEach((n) => n.removeAttribute("id"));
    clone.querySelectorAll(".vive-permalink, .headerlink").forEach((n) => n.remove());
    return clone;
  };
  // The elements after `start` up to the next heading of level `level` or higher.
  const section = (start, level) => {
    const found = [];
    for (let n = start && start.nextElementSibling; n; n = n.nextElementSibling) {
      if (/^H[1-6]$/.test(n.tagName) && Number(n.tagName[1]) <= level) break;
      found.push(n);
    }
    return found;
  };
  const setParam = (name, value) => {
    const params = new URLSearchParams(location.search);
    if (value === null) params.delete(name);
    else params.set(name, value);
    const query = params.toString().replace(/=$/, "").replace(/=&/g, "&");
    history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
  };
  const address = () => {
    const canonical = document.querySelector('link[rel="canonical"]');
    return canonical ? canonical.href : location.origin + location.pathname;
  };
  const swiped = (target, back, forward) => {
    let start = null;
    target.addEventListener("touchstart", (e) => {
      start = e.touches.length === 1 && !e.target.closest("textarea, input") ? e.touches[0] : null;
    }, { passive: true });
    target.addEventListener("touchend", (e) => {
      if (!start) return;
      const dx = e.changedTouches[0].clientX - start.clientX, dy = e.changedTouches[0].clientY - start.clientY;
      start = null;
      if (Math.abs(dx) > 60 && Math.abs(dx) > 1.5 * Math.abs(dy)) (dx < 0 ? forward : back)();
    });
  };

  // The dialog both kinds share: a top bar, the scene, a bottom bar; keys, swipes, focus.
  function shell(opener, title, param, onKey) {
    const dialog = el("dialog", { class: "vive-moede", "aria-labelledby": "vive-moede-titel" });
    const top = el("div", { class: "vive-moede__top" }, el("h1", { class: "vive-moede__titel", id: "vive-moede-titel", text: title }));
    const where = el("p", { class: "vive-moede__trin" });
    const say = el("p", { class: "vive-moede__skjult", role: "status" });
    const scene = el("div", { class: "vive-moede__scene", tabindex: "-1" });
    const bottom = el("div", { class: "vive-moede__bund" });
    top.append(where);
    if (document.fullscreenEnabled) {
      const full = button("Fuld skærm", { "aria-pressed": "false" });
      full.addEventListener("click", () => {
        if (document.fullscreenElement) document.exitFullscreen();
        else document.documentElement.requestFullscreen().catch(() => {});
      });
      document.addEventListener("fullscreenchange", () => full.setAttribute("aria-pressed", String(!!document.fullscreenElement)));
      top.append(full);
    }
    top.append(button("Luk", { class: "vive-moede__knap vive-moede__luk", "aria-keyshortcuts": "Escape", onclick: () => dialog.close() }));
    dialog.append(top, scene, bottom, say);
    document.body.append(dialog);

    dialog.addEventListener("keydown", (e) => {
      e.stopPropagation();  // the page's own shortcuts (search: / s f) stay out of the meeting
      const t = e.target;
      if (e.key === "Tab") return trap(e);
      if (e.ctrlKey || e.metaKey || e.altKey || t.closest("textarea, input, select, [contenteditable]")) return;
      // Enter is the focused control's own action; Space (what a presentation clicker sends) steps
      // wherever focus is, also on a button the chair just clicked ("Start tiden").
      if (e.key === "Enter" && t.closest("button, a, summary")) return;
      if (onKey(e.key === " " ? (e.shiftKey ? "PageUp" : "PageDown") : e.key)) e.preventDefault();
    });
    function trap(e) {
      const all = [...dialog.querySelectorAll("button, a[href], textarea, input, summary")]
        .filter((n) => !n.disabled && n.getClientRects().length);
      const first = all[0], last = all[all.length - 1], at = document.activeElement;
      if (e.shiftKey && (at === first || at === scene || at === dialog)) { e.preventDefault(); last.focus(); }
      else if (!e.shiftKey && at === last) { e.preventDefault(); first.focus(); }
    }
    dialog.addEventListener("close", () => {
      document.documentElement.classList.remove("vive-moede-aaben");
      if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
      setParam(param, null);
      dialog.dispatchEvent(new Event("vive-lukket"));
      opener.focus();
    });
    const open = () => {
      document.documentElement.classList.add("vive-moede-aaben");
      if (!dialog.open) dialog.showModal();
      scene.focus();
    };
    // A new step: the scene's content replaced; its heading read out; focus kept unless it was in the old content.
    const show = (nodes, position, spoken) => {
      const hadFocus = scene.contains(document.activeElement);
      scene.replaceChildren(el("div", { class: "vive-moede__indhold" }, ...nodes));
      scene.classList.remove("vive-moede__scene--ny");
      void scene.offsetWidth;  // restart the (motion-permitting) fade-in
      scene.classList.add("vive-moede__scene--ny");
      scene.scrollTop = 0;
      where.textContent = position;
      say.textContent = spoken;
      if (hadFocus) scene.focus();
    };
    // A disabled button loses focus to <body>, where keys no longer reach the dialog: the scene takes it.
    const enable = (control, on) => {
      if (!on && document.activeElement === control) scene.focus();
      control.disabled = !on;
    };
    return { dialog, scene, bottom, open, show, enable, swiped: (back, forward) => swiped(scene, back, forward) };
  }

  // A timer per time box of the guide: the chair starts, pauses and resets it.
  function timer(minutes, names) {
    const boxes = minutes.map((m) => ({ total: m * 60000, left: m * 60000, since: 0 }));
    let current = 0, tick = 0;
    const label = el("span", { class: "vive-moede__boks" });
    const shown = el("span", { class: "vive-moede__tid", role: "timer" });
    // Its own key, T: Space and the arrows step, whatever has focus.
    const toggle = button("Start tiden", { class: "vive-moede__knap vive-moede__knap--primaer", "aria-keyshortcuts": "t", title: "Tasten T" });
    const reset = button("Nulstil tiden");
    const status = el("span", { class: "vive-moede__tidsstatus", role: "status" });
    const group = el("div", { class: "vive-moede__ur", role: "group", "aria-label": "Tid" }, label, shown, toggle, reset, status);
    const left = (b) => (b.since ? Math.max(0, b.left - (Date.now() - b.since)) : b.left);
    const pause = (b) => { b.left = left(b); b.since = 0; };
    function render() {
      const b = boxes[current];
      if (b.since && left(b) === 0) {
        pause(b);
        status.textContent = "Tiden er gået.";
      }
      const s = Math.ceil(b.left === 0 ? 0 : left(b) / 1000);
      shown.textContent = Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
      group.classList.toggle("vive-moede__ur--slut", !b.since && b.left === 0);
      toggle.textContent = b.since ? "Pause" : b.left === 0 ? "Start forfra" : b.left < b.total ? "Fortsæt" : "Start tiden";
      if (!boxes.some((x) => x.since)) tick = (clearInterval(tick), 0);
    }
    toggle.addEventListener("click", () => {
      const b = boxes[current];
      if (b.since) {
        pause(b);
        status.textContent = "Tiden er sat på pause.";
      } else {
        if (b.left === 0) b.left = b.total;
        b.since = Date.now();
        status.textContent = "Tiden kører.";
        tick = tick || setInterval(render, 250);
      }
      render();
    });
    reset.addEventListener("click", () => {
      const b = boxes[current];
      b.left = b.total;
      b.since = 0;
      status.textContent = "Tiden er nulstillet.";
      render();
    });
    return {
      node: group,
      box(i) {  // another time box: the one before is paused
        if (i !== current && boxes[current].since) pause(boxes[current]);
        if (i !== current) status.textContent = "";
        current = i;
        label.textContent = names[i] + " · " + minutes[i] + " min";
        render();
      },
      stop() { boxes.forEach((b) => b.since && pause(b)); render(); },
      toggle() { toggle.click(); },
    };
  }

  // The agreement: typed into the last step, kept in localStorage under the theme's path.
  function agreement(title, mapping) {
    const key = "vive-teammoede-aftale:" + location.pathname;
    const read = () => { try { return JSON.parse(localStorage.getItem(key) || "null"); } catch { return null; } };
    const box = el("textarea", { id: "vive-moede-aftale", class: "vive-moede__aftale", rows: "4" });
    const status = el("p", { class: "vive-moede__gemt", role: "status" });
    const sheet = el("div", { class: "vive-moede__udskrift" });
    const when = (iso) => new Date(iso).toLocaleString("da-DK", { day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit" });
    const asText = () => {
      const saved = read();
      return ["Aftale fra teammødet" + (saved ? ", " + when(saved.gemt) : ""),
        "Tema: " + title + " (" + mapping + ")", "Adresse: " + address(), "", box.value.trim()].join("\n");
    };
    const sync = () => {
      const lines = asText().split("\n");
      sheet.replaceChildren(el("h1", { text: lines[0] }), el("p", { text: lines[1] }), el("p", { text: lines[2] }),
        el("p", { class: "vive-moede__udskrift-tekst", text: lines.slice(4).join("\n") || "(Ingen aftale skrevet endnu.)" }));
    };
    box.addEventListener("input", () => {
      try {
        if (box.value.trim()) localStorage.setItem(key, JSON.stringify({ tekst: box.value, gemt: new Date().toISOString() }));
        else localStorage.removeItem(key);
        status.textContent = box.value.trim() ? "Gemt i denne browser " + when(new Date()) + "." : "";
      } catch {
        status.textContent = "Denne browser kan ikke gemme aftalen. Kopiér eller print den, før I lukker.";
      }
      sync();
    });
    const copy = button("Kopiér som tekst", {
      onclick: async () => {
        const text = asText();
        try {
          await navigator.clipboard.writeText(text);
        } catch {
          const scratch = el("textarea", { class: "vive-moede__skjult", "aria-hidden": "true" });
          scratch.value = text;
          box.after(scratch);
          scratch.select();
          document.execCommand("copy");
          scratch.remove();
          box.focus();
        }
        status.textContent = "Aftalen er kopieret som tekst med temaets titel og adresse.";
      },
    });
    const clear = button("Ryd aftalen", {
      onclick: () => {
        try { localStorage.removeItem(key); } catch { /* nothing was stored */ }
        box.value = "";
        sync();
        status.textContent = "Aftalen er slettet fra denne browser.";
        box.focus();
      },
    });
    return {
      sheet,
      nodes() {
        const saved = read();
        box.value = saved ? saved.tekst : "";
        status.textContent = saved ? "Gemt i denne browser " + when(saved.gemt) + "." : "";
        sync();
        return [
          el("h2", { class: "vive-moede__overskrift", text: "Det aftaler vi at prøve" }),
          el("p", { class: "vive-moede__hjaelp", text: "Skriv én ting, I vil prøve, og hvem der tager den op på næste teammøde. Aftalen gemmes kun i denne browser – den sendes ingen steder hen." }),
          el("label", { for: "vive-moede-aftale", class: "vive-moede__etiket", text: "Jeres aftale" }),
          box,
          status,
          el("p", { class: "vive-moede__knapper" }, copy, button("Udskriv aftalen", { onclick: () => window.print() }), clear),
        ];
      },
    };
  }

  function themeMeeting(opener) {
    const title = words(document.querySelector("article h1"));
    const mappingLink = document.querySelector("article .vive-kontekst a");
    const mapping = mappingLink ? words(mappingLink) : "";
    const read = section(document.getElementById("kort-fortalt"), 2).filter((n) => !n.matches(".vive-mangler")).map(copyOf);
    const list = section(document.getElementById("spoergsmaal"), 3).find((n) => n.tagName === "OL");
    const questions = list ? [...list.children].map(copyOf) : [];
    const minutes = (opener.dataset.minutter || "5 20 5").split(" ").map(Number);
    const clock = timer(minutes, ["Læs højt", "Samtale", "Aftale"]);
    const deal = agreement(title, mapping);
    const n = questions.length;
    const steps = [
      { box: 0, name: "Kort fortalt", nodes: () => [
        el("h2", { class: "vive-moede__overskrift", text: "Kort fortalt – læs det højt" }),
        el("div", { class: "vive-moede__laes" }, ...read.map((r) => r.cloneNode(true))),
      ] },
      ...questions.map((q, i) => ({ box: 1, name: `Spørgsmål ${i + 1} af ${n}`, nodes: () => [
        el("h2", { class: "vive-moede__overskrift", text: `Spørgsmål ${i + 1} af ${n}` }),
        el("p", { class: "vive-moede__spm" + (q.textContent.length > 160 ? " vive-moede__spm--lang" : "") }, ...[...q.cloneNode(true).childNodes]),
        el("p", { class: "vive-moede__hjaelp", text: "Tal om et eller to spørgsmål. Næste spørgsmål: → eller Næste." }),
      ] })),
      { box: 2, name: "Jeres aftale", nodes: () => deal.nodes() },
    ];
    let at = 0;
    const ui = shell(opener, "Teammøde: " + title, "teammoede", (key) => {
      if (key === "ArrowRight" || key === "PageDown") go(at + 1);
      else if (key === "ArrowLeft" || key === "PageUp") go(at - 1);
      else if (key === "Home") go(0);
      else if (key === "End") go(steps.length - 1);
      else if (key === "t" || key === "T") clock.toggle();
      else return false;
      return true;
    });
    const back = button("← Forrige", { onclick: () => go(at - 1) });
    const next = button("Næste →", { class: "vive-moede__knap vive-moede__knap--primaer", onclick: () => go(at + 1) });
    ui.bottom.append(clock.node, el("p", { class: "vive-moede__nav" }, back, next));
    ui.dialog.append(deal.sheet);
    ui.swiped(() => go(at - 1), () => go(at + 1));
    ui.dialog.addEventListener("vive-lukket", () => clock.stop());
    function go(i) {
      const to = Math.max(0, Math.min(steps.length - 1, i));
      if (to === at && ui.dialog.open && ui.scene.firstChild) return;
      at = to;
      const step = steps[at];
      const position = `Trin ${at + 1} af ${steps.length}`;
      ui.show(step.nodes(), position, position + ": " + step.name);
      clock.box(step.box);
      ui.enable(back, at > 0);
      ui.enable(next, at < steps.length - 1);
      setParam("teammoede", String(at + 1));
    }
    return (step) => {
      ui.open();
      const asked = parseInt(step, 10);
      at = -1;
      go(Number.isNaN(asked) ? 0 : asked - 1);
    };
  }

  function drawCards(opener) {
    const mapping = words(document.querySelector("article h1")).replace(/^Spørgsmålskort:\s*/, "");
    const cards = [...document.querySelectorAll("article .vive-kort:not(.vive-kort--guide)")].map((card) => {
      const foot = card.querySelector(".vive-kort__tema");
      const link = foot.querySelector("a");
      const label = copyOf(foot);
      label.querySelectorAll(".vive-kort__url, br").forEach((n) => n.remove());
      return { question: card.querySelector(".vive-kort__spm"), theme: link.getAttribute("href"), label };
    });
    const themes = [];
    for (const c of cards) if (!themes.some((t) => t.href === c.theme)) themes.push({ href: c.theme, name: words(c.label) });
    const chosen = new Set(themes.map((t) => t.href));
    const drawn = new Set();
    const shownCards = [];
    let at = -1, last = null;

    const ui = shell(opener, "Træk et kort: " + mapping, "traek", (key) => {
      if (key === "ArrowRight" || key === "PageDown") forward();
      else if (key === "ArrowLeft" || key === "PageUp") showAt(at - 1);
      else return false;
      return true;
    });
    const pick = el("fieldset", { class: "vive-moede__temaer" },
      el("legend", { text: "Træk kun fra disse temaer (bunken blandes igen, når I ændrer valget)" }));
    themes.forEach((t, i) => {
      const box = el("input", { type: "checkbox", id: "vive-traek-" + i, value: t.href, checked: "" });
      box.addEventListener("change", () => {
        if (box.checked) chosen.add(t.href);
        else chosen.delete(t.href);
        drawn.clear();  // another choice of themes: a fresh deck of its cards
        summary.textContent = `Temaer (${chosen.size} af ${themes.length})`;
      });
      pick.append(el("span", { class: "vive-moede__tema-valg" }, box, el("label", { for: box.id, text: t.name })));
    });
    const summary = el("summary", { text: `Temaer (${themes.length} af ${themes.length})` });
    const filter = el("details", { class: "vive-moede__filter" }, summary, pick);
    const back = button("← Forrige kort", { onclick: () => showAt(at - 1) });
    const again = button("Træk et kort", { class: "vive-moede__knap vive-moede__knap--primaer", onclick: () => forward() });
    ui.bottom.append(filter, el("p", { class: "vive-moede__nav" }, back, again));
    ui.swiped(() => showAt(at - 1), () => forward());

    function forward() {
      if (at < shownCards.length - 1) showAt(at + 1);
      else draw();
    }
    function draw() {
      const pool = cards.filter((c) => chosen.has(c.theme));
      if (!pool.length) {
        ui.show([el("p", { class: "vive-moede__hjaelp", text: "Vælg mindst ét tema under Temaer." })], "Ingen temaer valgt", "Vælg mindst ét tema.");
        return;
      }
      let left = pool.filter((c) => !drawn.has(c));
      let note = "";
      if (!left.length) {  // every card of the chosen themes has been drawn: a new round
        pool.forEach((c) => drawn.delete(c));
        left = pool.length > 1 ? pool.filter((c) => c !== last) : pool;
        note = "Ny runde: alle kort var trukket, så bunken er blandet igen.";
      }
      const card = left[Math.floor(Math.random() * left.length)];
      drawn.add(card);
      last = card;
      const count = pool.filter((c) => drawn.has(c)).length;
      shownCards.push({ card, count, of: pool.length, note });
      showAt(shownCards.length - 1);
    }
    function showAt(i) {
      if (i < 0 || i >= shownCards.length) return;
      at = i;
      const { card, count, of, note } = shownCards[i];
      const rest = of - count;
      const position = `Kort ${count} af ${of}` + (i < shownCards.length - 1 ? " (tidligere trukket)" : "");
      const after = rest ? `${rest} kort tilbage i bunken.` : "Alle kort er trukket. Næste kort starter en ny runde.";
      ui.show([
        el("p", { class: "vive-moede__spm" + (card.question.textContent.length > 160 ? " vive-moede__spm--lang" : "") }, ...[...copyOf(card.question).childNodes]),
        el("p", { class: "vive-moede__kortets-tema" }, ...[...card.label.cloneNode(true).childNodes]),
        el("p", { class: "vive-moede__hjaelp" }, (note ? note + " " : "") + after),
      ], position, position + ". " + words(card.question));
      ui.enable(back, at > 0);
    }
    return () => {
      ui.open();
      draw();
    };
  }

  const opened = new WeakMap();
  window.viveMoede = async (opener, step) => {
    await styled;
    if (!opened.has(opener)) opened.set(opener, opener.dataset.viveMoede === "tema" ? themeMeeting(opener) : drawCards(opener));
    opened.get(opener)(step);
    if (opener.dataset.viveMoede === "traek") setParam("traek", "");
  };
})();
