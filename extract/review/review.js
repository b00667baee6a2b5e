/* Review page: evidence highlighting, accept / correct / not-reported controls, gold export. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("review-data").textContent);
  var docBody = document.getElementById("doc-body");
  var statusEl = document.getElementById("ev-status");
  var prevBtn = document.getElementById("ev-prev");
  var nextBtn = document.getElementById("ev-next");
  var backBtn = document.getElementById("ev-back");
  var V = window.dvaValues;
  var FIELDS = { study: {}, patient: {} };
  data.fields.study.forEach(function (s) { FIELDS.study[s.name] = s; });
  data.fields.patient.forEach(function (s) { FIELDS.patient[s.name] = s; });
  var cells = {};
  document.querySelectorAll("td.cell[data-key]").forEach(function (td) { cells[td.dataset.key] = td; });

  /* ---- cells and their original values ----------------------------------------------- */

  function parseKey(key) {
    var i = key.indexOf(":");
    var scope = key.slice(0, i);
    var name = key.slice(i + 1);
    if (scope === "study") return { name: name, spec: FIELDS.study[name], patient: null };
    return { name: name, spec: FIELDS.patient[name], patient: Number(scope.slice(1)) };
  }

  function original(key) {
    var k = parseKey(key);
    var obj = k.patient === null ? data.original.study : data.original.patients[k.patient];
    return V.getPath(obj, k.name);
  }

  /* ---- review state (kept in this browser) ---------------------------------------------- */

  var state = { cells: {}, dropped: {} };
  var restored = 0;
  try {
    var saved = JSON.parse(window.localStorage.getItem(data.storageKey) || "null");
    if (saved && saved.cells && saved.dropped) {
      Object.keys(saved.cells).forEach(function (key) {
        if (cells[key]) { state.cells[key] = saved.cells[key]; restored++; }
      });
      state.dropped = saved.dropped;
    }
  } catch (e) { /* storage may be unavailable (private mode, file:// policy) */ }

  function save() {
    try { window.localStorage.setItem(data.storageKey, JSON.stringify(state)); } catch (e) { /* ignore */ }
  }

  var PRESSED = { accepted: "accept", corrected: "correct", nr: "nr" };

  function renderCell(key) {
    var td = cells[key];
    var st = state.cells[key];
    var spec = parseKey(key).spec;
    td.classList.remove("st-accepted", "st-corrected", "st-nr");
    var now = td.querySelector(".now");
    now.textContent = "";
    if (st) {
      td.classList.add("st-" + st.status);
      if (st.status === "corrected") now.textContent = "\u2192 " + (V.format(spec.kind, st.value) || "not reported");
      else if (st.status === "nr") now.textContent = "\u2192 not reported";
      else now.textContent = "\u2713 accepted";
    }
    td.querySelectorAll(".act").forEach(function (b) {
      b.setAttribute("aria-pressed", String(!!st && PRESSED[st.status] === b.dataset.act));
    });
  }

  function renderDropped() {
    document.querySelectorAll(".pcol").forEach(function (th) {
      var n = th.dataset.p;
      var dropped = !!state.dropped[n];
      th.classList.toggle("dropped", dropped);
      th.querySelector(".drop").setAttribute("aria-pressed", String(dropped));
      Object.keys(cells).forEach(function (key) {
        if (key.indexOf("p" + n + ":") === 0) cells[key].classList.toggle("dropped", dropped);
      });
    });
  }

  function liveKeys() {
    return Object.keys(cells).filter(function (key) {
      var p = parseKey(key).patient;
      return p === null || !state.dropped[p];
    });
  }

  function progress() {
    var keys = liveKeys();
    var counts = { accepted: 0, corrected: 0, nr: 0 };
    keys.forEach(function (key) { if (state.cells[key]) counts[state.cells[key].status]++; });
    var done = counts.accepted + counts.corrected + counts.nr;
    document.getElementById("progress").textContent = "Reviewed " + done + " of " + keys.length +
      " \u00b7 " + counts.corrected + " corrected \u00b7 " + counts.nr + " not reported" +
      (restored ? " (restored in this browser)" : "");
  }

  function setState(key, st) {
    if (st) state.cells[key] = st; else delete state.cells[key];
    save();
    renderCell(key);
    progress();
  }

  function setValue(key, value) {
    var orig = original(key);
    if (V.canonical(value) === V.canonical(orig) || (V.isEmpty(value) && V.isEmpty(orig))) {
      setState(key, { status: "accepted" });
    } else if (V.isEmpty(value)) {
      setState(key, { status: "nr" });
    } else {
      setState(key, { status: "corrected", value: value });
    }
  }

  function current(key) {
    var st = state.cells[key];
    if (!st || st.status === "accepted") return original(key);
    if (st.status === "nr") return V.emptyFor(parseKey(key).spec);
    return st.value;
  }

  /* ---- the correction editor --------------------------------------------------------- */

  var editorSeq = 0;

  function datalistFor(spec) {
    var id = "opts-" + spec.name.replace(/[^a-z0-9_-]/gi, "-");
    if (!document.getElementById(id)) {
      var list = document.createElement("datalist");
      list.id = id;
      spec.options.forEach(function (o) {
        var opt = document.createElement("option");
        opt.value = o;
        list.appendChild(opt);
      });
      document.body.appendChild(list);
    }
    return id;
  }

  function button(text, cls) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = cls || "mini";
    b.textContent = text;
    return b;
  }

  function openEditor(key) {
    var td = cells[key];
    var open = td.querySelector(".edit input, .edit select");
    if (open) { open.focus(); return; }
    var spec = parseKey(key).spec;
    var box = document.createElement("div");
    box.className = "edit";
    var id = "edit-" + (++editorSeq);
    var label = document.createElement("label");
    label.className = "sr";
    label.htmlFor = id;
    label.textContent = "Corrected " + spec.label;
    var input;
    if (spec.kind === "bool") {
      input = document.createElement("select");
      ["", "yes", "no"].forEach(function (v) {
        var opt = document.createElement("option");
        opt.value = v;
        opt.textContent = v || "not reported";
        input.appendChild(opt);
      });
    } else {
      input = document.createElement("input");
      input.type = "text";
      input.autocomplete = "off";
      if (spec.kind === "enum") input.setAttribute("list", datalistFor(spec));
      if (spec.kind === "int" || spec.kind === "float") input.inputMode = "decimal";
    }
    input.id = id;
    input.value = V.format(spec.kind, current(key));
    var ok = button("Save");
    var cancel = button("Cancel");
    var hint = document.createElement("span");
    hint.className = "hint";
    hint.textContent = V.hintFor(spec);
    var err = document.createElement("span");
    err.className = "err";
    err.setAttribute("role", "alert");
    box.append(label, input, ok, cancel, hint, err);
    td.querySelector(".ctl").after(box);
    input.focus();
    if (input.select) input.select();

    function close() {
      box.remove();
      td.querySelector('[data-act="correct"]').focus();
    }
    function commit() {
      var got = V.parse(spec, input.value, data.priorDva);
      if (got.error) {
        err.textContent = got.error;
        input.setAttribute("aria-invalid", "true");
        return;
      }
      setValue(key, got.value);
      close();
    }
    input.addEventListener("keydown", function (e) {
      if (e.key === "Enter") { e.preventDefault(); commit(); }
      else if (e.key === "Escape") { e.preventDefault(); close(); }
    });
    ok.addEventListener("click", commit);
    cancel.addEventListener("click", close);
  }

  /* ---- evidence ------------------------------------------------------------------------ */

  var shown = { ids: [], pos: 0, source: null };

  function docSpans(id) { return docBody.querySelectorAll('.ev[data-ev~="' + id + '"]'); }

  function clearHighlight() {
    docBody.querySelectorAll(".hl, .hl-cur, .hl-cell").forEach(function (el) {
      el.classList.remove("hl", "hl-cur", "hl-cell");
    });
    document.querySelectorAll(".val.current").forEach(function (el) { el.classList.remove("current"); });
  }

  function labelOf(el) {
    var td = el.closest("td.cell");
    if (td) {
      var k = parseKey(td.dataset.key);
      var who = k.patient === null ? "Study" : "Patient " + data.original.patients[k.patient].patient_id;
      return who + " \u00b7 " + k.spec.label;
    }
    var conflict = el.closest(".conflict");
    return conflict ? conflict.querySelector(".what").textContent + " (conflict)" : "Evidence";
  }

  function describe(label, ev, pos, total) {
    statusEl.textContent = "";
    var head = document.createElement("b");
    head.textContent = label;
    statusEl.appendChild(head);
    var where = [" \u2014 evidence " + (pos + 1) + " of " + total];
    where.push(ev.page != null ? "page " + ev.page : "no page numbers (text input)");
    if (ev.section) where.push(ev.section);
    where.push(ev.source === "table" ? "from a table" : "from the text");
    statusEl.appendChild(document.createTextNode(where.join(" \u00b7 ") + ": "));
    var q = document.createElement("q");
    q.textContent = ev.quote;
    statusEl.appendChild(q);
    var notes = {
      moved: " (found at another place than its offsets say)",
      missing: " (this quote is not in the document text)",
      no_text: " (the paper's text is not available)"
    };
    if (notes[ev.status]) statusEl.appendChild(document.createTextNode(notes[ev.status]));
  }

  function showEvidence(btn, pos) {
    clearHighlight();
    var ids = (btn.dataset.ev || "").split(/\s+/).filter(function (id) { return data.evidence[id]; });
    btn.classList.add("current");
    shown = { ids: ids, pos: 0, source: btn };
    backBtn.disabled = false;
    prevBtn.disabled = nextBtn.disabled = ids.length < 2;
    if (!ids.length) {
      statusEl.textContent = labelOf(btn) + ": no evidence recorded for this value.";
      return;
    }
    shown.pos = ((pos % ids.length) + ids.length) % ids.length;
    ids.forEach(function (id) { docSpans(id).forEach(function (el) { el.classList.add("hl"); }); });
    var id = ids[shown.pos];
    var spans = docSpans(id);
    spans.forEach(function (el) {
      el.classList.add("hl-cur");
      var tableCell = el.closest(".doc-table td, .doc-table th");
      if (tableCell) tableCell.classList.add("hl-cell");
    });
    if (spans.length) spans[0].scrollIntoView({ block: "center", inline: "nearest" });
    describe(labelOf(btn), data.evidence[id], shown.pos, ids.length);
  }

  /* ---- export -------------------------------------------------------------------------- */

  function buildGold() {
    var counts = { accepted: 0, corrected: 0, nr: 0, unreviewed: 0 };
    function fill(target, scopeKey, specs, evidence) {
      var kept = {};
      specs.forEach(function (spec) {
        var key = scopeKey + ":" + spec.name;
        var st = state.cells[key];
        counts[st ? st.status : "unreviewed"]++;
        V.setPath(target, spec.name, V.clone(current(key)));
        var items = evidence[spec.name] || [];
        if ((!st || st.status === "accepted") && items.length) kept[spec.name] = items;
      });
      target.evidence = kept;
    }
    var study = V.clone(data.original.study);
    fill(study, "study", data.fields.study, data.evidenceMaps.study);
    var patients = [];
    var dropped = 0;
    data.original.patients.forEach(function (p, n) {
      if (state.dropped[n]) { dropped++; return; }
      var out = V.clone(p);
      fill(out, "p" + n, data.fields.patient, data.evidenceMaps.patients[n]);
      patients.push(out);
    });
    var about = "Review of " + data.source.path + " (sha256 " + data.source.sha256 + ") exported " +
      new Date().toISOString() + " from the dva-extract " + data.version + " review page: " +
      counts.accepted + " values accepted, " + counts.corrected + " corrected, " + counts.nr +
      " marked not reported, " + counts.unreviewed + " not reviewed (kept as extracted)" +
      (dropped ? "; " + dropped + " column(s) left out as not patients" : "") + ".";
    return {
      _about: about,
      schema_version: "1.0",
      source: data.source,
      study: study,
      patients: patients,
      conflicts: [],
      warnings: []
    };
  }

  function download() {
    var text = JSON.stringify(buildGold(), null, 2) + "\n";
    var url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    var a = document.createElement("a");
    a.href = url;
    a.download = data.file + ".gold.json";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  /* ---- wiring -------------------------------------------------------------------------- */

  document.addEventListener("click", function (e) {
    var btn = e.target.closest("button");
    if (!btn) return;
    if (btn.classList.contains("val") && btn.dataset.ev !== undefined) {
      showEvidence(btn, shown.source === btn ? shown.pos + 1 : 0);
      return;
    }
    var td = btn.closest("td.cell");
    var act = btn.dataset.act;
    if (td && act) {
      var key = td.dataset.key;
      var st = state.cells[key];
      if (act === "accept") setState(key, st && st.status === "accepted" ? null : { status: "accepted" });
      else if (act === "nr") setState(key, st && st.status === "nr" ? null : { status: "nr" });
      else if (act === "correct") openEditor(key);
      else if (act === "gold" && key in data.gold) setValue(key, V.clone(data.gold[key]));
      return;
    }
    if (act === "reading") {
      var conflict = data.conflicts[Number(btn.dataset.conflict)];
      setValue(conflict.key, V.clone(conflict.values[Number(btn.dataset.reading)]));
      cells[conflict.key].scrollIntoView({ block: "nearest" });
      return;
    }
    if (btn.classList.contains("drop")) {
      state.dropped[btn.dataset.p] = !state.dropped[btn.dataset.p];
      save();
      renderDropped();
      progress();
    }
  });

  prevBtn.addEventListener("click", function () { if (shown.source) showEvidence(shown.source, shown.pos - 1); });
  nextBtn.addEventListener("click", function () { if (shown.source) showEvidence(shown.source, shown.pos + 1); });
  backBtn.addEventListener("click", function () {
    if (!shown.source) return;
    shown.source.scrollIntoView({ block: "center" });
    shown.source.focus();
  });
  document.getElementById("export").addEventListener("click", download);
  document.getElementById("reset").addEventListener("click", function () {
    if (!window.confirm("Forget every review decision made on this page?")) return;
    state = { cells: {}, dropped: {} };
    restored = 0;
    save();
    Object.keys(cells).forEach(renderCell);
    renderDropped();
    progress();
  });

  Object.keys(state.cells).forEach(renderCell);
  renderDropped();
  progress();
  window.dvaReview = { buildGold: buildGold };
})();
