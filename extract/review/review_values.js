/* Review page values: how each kind of field is written on the page and read back from an editor.
   The text matches extract/review/spec.py format_value; parse() accepts what the gold format does. */
window.dvaValues = (function () {
  "use strict";

  var LIST_KINDS = ["text_list", "enum_list", "stents", "prior_dva"];

  function getPath(obj, name) {
    var parts = name.split(".");
    for (var i = 0; i < parts.length; i++) {
      if (obj === null || typeof obj !== "object") return null;
      obj = obj[parts[i]];
    }
    return obj === undefined ? null : obj;
  }

  function setPath(obj, name, value) {
    var parts = name.split(".");
    for (var i = 0; i < parts.length - 1; i++) {
      if (obj[parts[i]] === null || typeof obj[parts[i]] !== "object") obj[parts[i]] = {};
      obj = obj[parts[i]];
    }
    obj[parts[parts.length - 1]] = value;
  }

  function clone(value) { return JSON.parse(JSON.stringify(value)); }

  function canonical(value) {
    if (Array.isArray(value)) return "[" + value.map(canonical).join(",") + "]";
    if (value !== null && typeof value === "object") {
      return "{" + Object.keys(value).sort().map(function (k) {
        return JSON.stringify(k) + ":" + canonical(value[k]);
      }).join(",") + "}";
    }
    return JSON.stringify(value === undefined ? null : value);
  }

  function isEmpty(value) {
    return value === null || value === undefined || (Array.isArray(value) && value.length === 0);
  }

  function emptyFor(spec) { return LIST_KINDS.indexOf(spec.kind) >= 0 ? [] : null; }

  function stentText(s) {
    var words = [s.device || "stent"];
    var notes = [];
    if (s.manufacturer) notes.push(s.manufacturer);
    if (s.covered === true) notes.push("covered");
    else if (s.covered === false) notes.push("bare");
    if (notes.length) words.push("(" + notes.join(", ") + ")");
    if (s.diameter_mm != null || s.length_mm != null) {
      words.push((s.diameter_mm == null ? "?" : s.diameter_mm) + " \u00d7 " +
        (s.length_mm == null ? "?" : s.length_mm) + " mm");
    }
    return words.join(" ");
  }

  /* The same text as extract/review/spec.py format_value writes. */
  function format(kind, v) {
    if (isEmpty(v)) return "";
    switch (kind) {
      case "bool": return v ? "yes" : "no";
      case "text_list": return v.join("; ");
      case "enum_list": return v.join(", ");
      case "stents": return v.map(stentText).join("; ");
      case "prior_dva":
        return v.map(function (p) {
          return (p.donor_artery || "?") + " \u2192 " + (p.target_vein || "?");
        }).join("; ");
      default: return String(v);
    }
  }

  function fold(text) { return String(text).trim().toLowerCase().replace(/[\s_-]+/g, " "); }

  function findOption(options, text) {
    var f = fold(text);
    for (var i = 0; i < options.length; i++) if (fold(options[i]) === f) return options[i];
    return undefined;
  }

  var STENT = /^(.*?)\s*(?:\(([^)]*)\))?\s*(?:(\d+(?:\.\d+)?|\?)\s*(?:mm)?\s*[x\u00d7*]\s*(\d+(?:\.\d+)?|\?)\s*(?:mm)?)?$/i;

  function parseStent(text) {
    var m = STENT.exec(text.trim());
    if (!m) return { error: "write a stent as: Viabahn (Gore, covered) 5 \u00d7 150 mm" };
    var stent = { device: null, manufacturer: null, covered: null, diameter_mm: null, length_mm: null };
    var device = m[1].trim();
    stent.device = device && fold(device) !== "stent" ? device : null;
    (m[2] || "").split(",").forEach(function (note) {
      var f = fold(note);
      if (!f) return;
      if (f === "covered") stent.covered = true;
      else if (f === "bare" || f === "uncovered" || f === "bare metal") stent.covered = false;
      else if (!stent.manufacturer) stent.manufacturer = note.trim();
    });
    if (m[3] && m[3] !== "?") stent.diameter_mm = Number(m[3]);
    if (m[4] && m[4] !== "?") stent.length_mm = Number(m[4]);
    return { value: stent };
  }

  function parsePriorDva(text, options) {
    var ends = text.split(/\s*(?:\u2192|->)\s*/);
    if (ends.length !== 2) return { error: "write a prior DVA as: anterior_tibial \u2192 anterior_tibial" };
    var donor = ends[0].trim() === "?" ? null : findOption(options.arteries, ends[0]);
    var vein = ends[1].trim() === "?" ? null : findOption(options.veins, ends[1]);
    if (donor === undefined) return { error: "artery is one of: " + options.arteries.join(", ") };
    if (vein === undefined) return { error: "vein is one of: " + options.veins.join(", ") };
    return { value: { donor_artery: donor, target_vein: vein } };
  }

  function parseList(text, one) {
    var out = [];
    var parts = text.split(";");
    for (var i = 0; i < parts.length; i++) {
      if (!parts[i].trim()) continue;
      var got = one(parts[i]);
      if (got.error) return got;
      out.push(got.value);
    }
    return { value: out };
  }

  /* Text from the editor to a value the gold format accepts, or {error}. */
  function parse(spec, text, priorDva) {
    text = String(text).trim();
    if (!text) return { value: emptyFor(spec) };
    switch (spec.kind) {
      case "text": return { value: text };
      case "text_list":
        return { value: text.split(";").map(function (s) { return s.trim(); }).filter(Boolean) };
      case "int":
      case "float": {
        var n = Number(text);
        if (!isFinite(n)) return { error: "a number is needed" };
        if (spec.kind === "int" && Math.floor(n) !== n) return { error: "a whole number is needed" };
        if (spec.min != null && n < spec.min) return { error: "the smallest allowed is " + spec.min };
        if (spec.max != null && n > spec.max) return { error: "the largest allowed is " + spec.max };
        return { value: n };
      }
      case "bool": {
        var f = fold(text);
        if (f === "yes" || f === "true") return { value: true };
        if (f === "no" || f === "false") return { value: false };
        return { error: "yes or no" };
      }
      case "enum": {
        var o = findOption(spec.options, text);
        return o === undefined ? { error: "one of: " + spec.options.join(", ") } : { value: o };
      }
      case "enum_list": {
        var out = [];
        var parts = text.split(/[,;]/);
        for (var i = 0; i < parts.length; i++) {
          if (!parts[i].trim()) continue;
          var opt = findOption(spec.options, parts[i]);
          if (opt === undefined) {
            return { error: "\u201c" + parts[i].trim() + "\u201d is not one of: " + spec.options.join(", ") };
          }
          if (out.indexOf(opt) < 0) out.push(opt);
        }
        return { value: out };
      }
      case "stents": return parseList(text, parseStent);
      case "prior_dva":
        return parseList(text, function (part) { return parsePriorDva(part, priorDva); });
      default: return { value: text };
    }
  }

  function hintFor(spec) {
    switch (spec.kind) {
      case "text_list": return "separate names with ;";
      case "int":
      case "float":
        return "a number" + (spec.min != null ? ", at least " + spec.min : "") +
          (spec.max != null ? ", at most " + spec.max : "");
      case "enum": return "one of: " + spec.options.join(", ");
      case "enum_list": return "comma-separated, from: " + spec.options.join(", ");
      case "stents": return "e.g. Viabahn (Gore, covered) 5 \u00d7 150 mm; separate stents with ;";
      case "prior_dva": return "e.g. anterior_tibial \u2192 anterior_tibial; separate with ;";
      default: return "";
    }
  }

  return {
    getPath: getPath, setPath: setPath, clone: clone, canonical: canonical, isEmpty: isEmpty,
    emptyFor: emptyFor, format: format, parse: parse, hintFor: hintFor
  };
})();
