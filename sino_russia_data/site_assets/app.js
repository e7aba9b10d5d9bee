// The browsable site: reads window.SRD (data.js) and draws the list, filters, timeline and record pages.
(function () {
  "use strict";
  const D = window.SRD;
  const byId = new Map();
  for (const [table, rows] of Object.entries(D.tables)) {
    for (const row of rows) if (row.id !== undefined) byId.set(row.id, { table, row });
  }
  const search = new Map(Object.entries(D.search).map(([id, text]) => [id, text.toLowerCase()]));
  const facetSets = {};
  for (const [table, facets] of Object.entries(D.facets)) {
    facetSets[table] = {};
    for (const [facet, values] of Object.entries(facets)) {
      facetSets[table][facet] = {};
      for (const [value, ids] of Object.entries(values)) facetSets[table][facet][value] = new Set(ids);
    }
  }
  const citationsOf = new Map();
  for (const c of D.tables.citations || []) {
    if (!citationsOf.has(c.record_id)) citationsOf.set(c.record_id, []);
    citationsOf.get(c.record_id).push(c);
  }
  const state = { year: "", kind: "", country: "", topic: "", q: "" };
  const main = document.getElementById("main");

  function h(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) if (v !== undefined && v !== null) node.setAttribute(k, v);
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }
  const svg = (tag, attrs, ...children) => {
    const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    return node;
  };
  const pretty = (name) => name.replace(/_/g, " ");
  const title = (name) => pretty(name).replace(/^./, (c) => c.toUpperCase());
  const recordHref = (id) => "#/record/" + encodeURIComponent(id);

  function label(id) {
    const found = byId.get(id);
    if (!found) return id;
    for (const column of D.naming[found.table] || []) if (found.row[column]) return found.row[column];
    return id;
  }
  function link(id) {
    const found = byId.get(id);
    if (!found) return id;
    const country = found.row.country && found.table !== "events" ? " (" + found.row.country + ")" : "";
    return h("a", { href: recordHref(id), "data-id": id }, label(id) + country);
  }
  function value(v) {
    if (v === null || v === undefined) return h("span", { class: "empty" }, "—");
    if (Array.isArray(v)) {
      if (!v.length) return h("span", { class: "empty" }, "none");
      return h("ul", {}, v.map((item) => h("li", {}, value(item))));
    }
    if (typeof v === "object") {
      return h("span", {}, Object.entries(v).filter(([, x]) => x !== null).flatMap(([k, x], i) =>
        [i ? "; " : "", h("span", { class: "note" }, pretty(k) + ": "), value(x)]));
    }
    if (typeof v === "string" && byId.has(v)) return link(v);
    if (typeof v === "string" && /^https?:\/\/\S+$/.test(v)) return h("a", { href: v, rel: "noreferrer" }, v);
    return String(v);
  }

  function matches(table, row) {
    if (state.year) {
      const d = D.dates[table];
      const start = row[d.start], end = row[d.end];
      if (!start || !end || start > state.year + "-12-31" || end < state.year + "-01-01") return false;
    }
    for (const facet of ["kind", "country", "topic"]) {
      if (!state[facet]) continue;
      const sets = facetSets[table][facet];
      if (!sets || !sets[state[facet]] || !sets[state[facet]].has(row.id)) return false;
    }
    if (state.q && !(search.get(row.id) || "").includes(state.q.toLowerCase())) return false;
    return true;
  }

  function years() {
    const found = new Set();
    for (const table of D.listed) {
      const d = D.dates[table];
      for (const row of D.tables[table]) {
        if (!row[d.start]) continue;
        const a = +row[d.start].slice(0, 4), b = +row[d.end].slice(0, 4);
        for (let y = a; y <= b; y++) found.add(y);
      }
    }
    return [...found].sort();
  }

  function select(name, caption, options) {
    const node = h("select", { id: "f-" + name, name },
      h("option", { value: "" }, "any"),
      options.map(([v, text]) => h("option", { value: v }, text)));
    node.value = state[name];
    node.addEventListener("change", () => { state[name] = node.value; update(); });
    return h("label", { for: "f-" + name }, caption, node);
  }

  function timeline(rows) {
    const all = D.tables.events || [];
    if (!all.length) return h("div");
    const kinds = [];
    for (const [k] of D.options.kind) if (all.some((e) => e.kind === k)) kinds.push(k);
    const ys = [...new Set(all.flatMap((e) => [+e.date_start.slice(0, 4), +e.date_end.slice(0, 4)]))].sort();
    const t0 = Date.parse(ys[0] + "-01-01"), t1 = Date.parse(ys[ys.length - 1] + 1 + "-01-01");
    const left = 190, width = 820, rowH = 22, top = 10;
    const x = (iso, endOfDay) => left + ((Date.parse(iso) + (endOfDay ? 86400000 : 0) - t0) / (t1 - t0)) * width;
    const height = top + kinds.length * rowH + 24;
    const root = svg("svg", { width: left + width + 10, height, role: "img", "aria-label": "Timeline of the events shown" });
    for (let y = +ys[0]; y <= +ys[ys.length - 1] + 1; y++) {
      const gx = x(y + "-01-01");
      root.append(svg("line", { class: "grid", x1: gx, x2: gx, y1: top, y2: height - 20 }));
      if (y <= +ys[ys.length - 1]) root.append(svg("text", { x: gx + 3, y: height - 6 }, String(y)));
    }
    kinds.forEach((k, i) => root.append(svg("text", { x: 4, y: top + i * rowH + 15 }, pretty(k))));
    for (const e of rows) {
      const i = kinds.indexOf(e.kind);
      if (i < 0) continue;
      const context = D.contextKinds.includes(e.kind) ? " context" : "";
      const cy = top + i * rowH + 11;
      const mark = e.date_start === e.date_end
        ? svg("circle", { class: "mark day" + context, cx: x(e.date_start), cy, r: 4.5, "data-id": e.id })
        : svg("rect", { class: "mark span" + context, x: x(e.date_start), y: cy - 5,
          width: Math.max(2, x(e.date_end, true) - x(e.date_start)), height: 10, "data-id": e.id });
      mark.append(svg("title", {}, e.date + " " + e.title));
      mark.style.cursor = "pointer";
      mark.addEventListener("click", () => { location.hash = recordHref(e.id); });
      root.append(mark);
    }
    return root;
  }

  function item(table, row) {
    const d = D.dates[table];
    const text = row.summary || row.text || row.proposes || "";
    return h("li", { "data-id": row.id },
      h("span", { class: "date" }, row[d.shown] || ""),
      link(row.id), " ",
      row.kind ? h("span", { class: "tag" }, pretty(row.kind)) : null,
      text ? h("p", { class: "summary" }, text.length > 240 ? text.slice(0, 239) + "…" : text) : null);
  }

  function update() {
    const results = document.getElementById("results");
    results.replaceChildren();
    const shown = {};
    for (const table of D.listed) shown[table] = D.tables[table].filter((row) => matches(table, row));
    if (shown.events) results.append(h("div", { id: "timeline" }, timeline(shown.events)));
    for (const table of D.listed) {
      const rows = shown[table];
      results.append(h("section", { class: "listing", id: "list-" + table },
        h("h2", {}, title(table), " (", h("span", { class: "count", "data-table": table }, rows.length),
          " of " + D.tables[table].length + ")"),
        rows.length ? h("ol", { class: "records", "data-table": table }, rows.map((row) => item(table, row)))
          : h("p", { class: "empty" }, "None match the filters.")));
    }
  }

  function front() {
    const q = h("input", { type: "search", id: "f-q", placeholder: "titles, summaries, statements, quotes" });
    q.value = state.q;
    q.addEventListener("input", () => { state.q = q.value.trim(); update(); });
    const form = h("form", { id: "filters", onsubmit: "return false" },
      select("year", "Year", years().map((y) => [String(y), String(y)])),
      select("kind", "Kind", D.options.kind),
      select("country", "Country", D.options.country.map(([c, n]) => [c, n + " (" + c + ")"])),
      select("topic", "Topic", D.options.topic),
      h("label", { for: "f-q" }, "Search", q));
    main.replaceChildren(form, h("div", { id: "results" }));
    update();
  }

  function fieldsTable(row) {
    return h("table", { class: "fields" }, Object.entries(row).map(([k, v]) => h("tr", {}, h("th", {}, k), h("td", {}, value(v)))));
  }

  function citation(c) {
    const source = (byId.get(c.source_id) || {}).row || {};
    return h("div", { class: "citation", "data-citation": c.id },
      h("blockquote", { class: "quote" }, c.quote),
      h("div", { class: "source" },
        h("a", { href: recordHref(c.source_id) }, source.title || "(untitled)"), " — ",
        source.publisher || "", source.published ? ", " + source.published : "",
        source.language ? " [" + source.language + "]" : "",
        source.url ? [" · ", h("a", { href: source.url, rel: "noreferrer", class: "url" }, source.url)] : null),
      c.locator ? h("div", { class: "note" }, "Where: " + c.locator) : null,
      c.note ? h("div", { class: "note" }, "Note: " + c.note) : null);
  }

  function scalarColumns(table) {
    const rows = D.tables[table];
    return Object.keys(rows[0] || {}).filter((k) => !/_(start|end|precision)$/.test(k) &&
      rows.every((r) => r[k] === null || typeof r[k] !== "object"));
  }

  function record(id) {
    const found = byId.get(id);
    if (!found) {
      main.replaceChildren(h("p", {}, "No record " + id + ". ", h("a", { href: "#/" }, "Back to the list")));
      return;
    }
    const { table, row } = found;
    const parts = [
      h("p", {}, h("a", { href: "#/" }, "← all records")),
      h("h2", { id: "record-title" }, label(id)),
      h("p", { class: "note" }, title(table) + " · " + id + (D.descriptions[table] ? " · " + D.descriptions[table] : "")),
      fieldsTable(row),
    ];
    const naming = {};
    for (const other of D.referencedBy[id] || []) {
      const o = byId.get(other);
      if (!o || o.table === "citations") continue;
      (naming[o.table] = naming[o.table] || []).push(o.row);
    }
    for (const [other, rows] of Object.entries(naming)) {
      const columns = scalarColumns(other);
      parts.push(h("section", { class: "named-by", "data-table": other },
        h("h3", {}, title(other) + " naming this record (" + rows.length + ")"),
        h("table", { class: "fields" }, h("tr", {}, columns.map((c) => h("th", {}, pretty(c)))),
          rows.map((r) => h("tr", {}, columns.map((c) => h("td", {}, c === "id" ? link(r.id) : value(r[c]))))))));
    }
    const cites = citationsOf.get(id) || [];
    if (cites.length || table !== "sources") {
      parts.push(h("section", { id: "citations" }, h("h3", {}, "Evidence (" + cites.length + " citations)"),
        cites.map(citation)));
    }
    main.replaceChildren(...parts);
    window.scrollTo(0, 0);
  }

  function route() {
    const match = location.hash.match(/^#\/record\/(.+)$/);
    if (match) record(decodeURIComponent(match[1])); else front();
  }

  document.getElementById("version").textContent = "version " + D.version;
  document.getElementById("abstract").textContent = D.abstract;
  document.getElementById("footer").textContent = "Data licence " + D.license +
    ". Quotes remain the work of their publishers. Generated from the package's tables; works offline.";
  window.addEventListener("hashchange", route);
  route();
})();
