/* The course website's controls: every explorer, chart and self-check of a page, live with no kernel.
 *
 * Each explorer's element holds the view of every state, rendered in Python by the same pure render(state) the
 * notebooks use (helpers/static.py). This script draws native controls, and on every change looks the state up,
 * redraws the chart with Plotly.react and sets the text alternative and panels. No framework, nothing fetched.
 */
(function (root) {
  "use strict";

  // ------------------------------------------------------------------ pure helpers (also run under Node in the tests)
  /** HTML-escape as markupsafe does, so that text built here matches the Python's byte for byte. */
  function esc(text) {
    return String(text)
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&#34;").replace(/'/g, "&#39;");
  }

  /** The glossary search of notebook 0 (helpers.lessons.start_here.explorers.matching_terms + glossary.html.j2). */
  function glossaryHtml(terms, query) {
    const q = String(query).trim().toLowerCase();
    const rows = q ? terms.filter(([t, d]) => t.toLowerCase().includes(q) || d.toLowerCase().includes(q)) : terms;
    if (!rows.length) return '<p role="status">No term matches. Try a shorter word.</p>';
    const items = rows.map(([t, d]) => `<dt><strong>${esc(t)}</strong></dt><dd>${esc(d)}</dd>`).join("");
    return `<p role="status">${rows.length} term${rows.length !== 1 ? "s" : ""}</p><dl>${items}</dl>`;
  }

  /** Add months to an ISO date, clamping to the month's end (31 Jan + 1 month = 28 or 29 Feb), as helpers does. */
  function addMonths(iso, months) {
    const [y, m, d] = iso.split("-").map(Number);
    const index = y * 12 + (m - 1) + months;
    const year = Math.floor(index / 12), month = index - year * 12 + 1;
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const pad = (n, w) => String(n).padStart(w, "0");
    return `${pad(year, 4)}-${pad(month, 2)}-${pad(Math.min(d, last), 2)}`;
  }

  /** Keep the points of a category chart whose category is chosen (the multi-select of notebook 2). */
  function filterFigure(figure, keep) {
    const data = figure.data.map((trace) => {
      const cats = trace.orientation === "h" ? trace.y : trace.x;
      if (!Array.isArray(cats)) return trace;
      const n = cats.length, out = Object.assign({}, trace);
      const chosen = cats.map((c) => keep.has(String(c)));
      for (const [key, value] of Object.entries(trace)) {
        if (Array.isArray(value) && value.length === n) out[key] = value.filter((_, i) => chosen[i]);
      }
      return out;
    });
    const layout = JSON.parse(JSON.stringify(figure.layout));
    for (const axis of ["xaxis", "yaxis"]) {
      const a = layout[axis];
      if (a && Array.isArray(a.categoryarray)) a.categoryarray = a.categoryarray.filter((c) => keep.has(String(c)));
    }
    return { data, layout };
  }

  /** Keep the sentences of a text alternative that name a chosen category (each sentence starts "Label: ..."). */
  function filterText(html, keep, empty) {
    const items = html.match(/<li>[\s\S]*?<\/li>/g) || [];
    const kept = items.filter((li) => [...keep].some((label) => li.startsWith(`<li>${esc(label)}:`)));
    if (!kept.length) return html.replace(/<ul>[\s\S]*<\/ul>/, `<ul><li>${esc(empty)}</li></ul>`);
    return html.replace(/<ul>[\s\S]*<\/ul>/, `<ul>${kept.join("")}</ul>`);
  }

  const api = { esc, glossaryHtml, addMonths, filterFigure, filterText };
  if (typeof module !== "undefined" && module.exports) { module.exports = api; return; }
  root.CourseSite = api;

  // ------------------------------------------------------------------ the page
  let uid = 0;
  const CONFIG = { displaylogo: false, responsive: true };
  const make = (tag, props = {}, children = []) => {
    const el = Object.assign(document.createElement(tag), props);
    for (const child of children) el.append(child);
    return el;
  };

  function draw(div, figure, template) {
    const layout = Object.assign({}, figure.layout, { template });
    const drawn = root.Plotly.react(div, figure.data, layout, CONFIG);
    api.lastDraw = drawn;  // the benchmark waits on it
    if (!document.documentElement.dataset.firstChartMs) {
      drawn.then(() => { document.documentElement.dataset.firstChartMs ||= String(performance.now()); });
    }
    return drawn;
  }

  function control(spec, onChange) {
    const id = `course-control-${++uid}`;
    if (spec.kind === "radio") {
      const box = make("fieldset", { className: "course-radio" }, [make("legend", { textContent: spec.label })]);
      spec.labels.forEach((label, i) => {
        const input = make("input", { type: "radio", name: id, value: String(i), id: `${id}-${i}` });
        input.addEventListener("change", onChange);
        box.append(make("label", { htmlFor: input.id, className: "course-radio-option" }, [input, " " + label]));
      });
      return { el: box, get: () => Number((box.querySelector("input:checked") || { value: 0 }).value),
        set: (i) => { box.querySelectorAll("input")[i].checked = true; },
        disable: (off) => box.querySelectorAll("input").forEach((x) => { x.disabled = off; }), count: spec.labels.length };
    }
    if (spec.kind === "checkbox") {
      const input = make("input", { type: "checkbox", id });
      input.addEventListener("change", onChange);
      return { el: make("label", { htmlFor: id, className: "course-checkbox" }, [input, " " + spec.label]),
        get: () => (input.checked ? 1 : 0), set: (i) => { input.checked = i === 1; },
        disable: (off) => { input.disabled = off; }, count: 2 };
    }
    if (spec.kind === "search") {
      const input = make("input", { type: "search", id, placeholder: spec.placeholder || "" });
      input.addEventListener("input", onChange);
      return { el: make("div", { className: "course-field" }, [make("label", { htmlFor: id, textContent: spec.label + " " }), input]),
        get: () => input.value, set: () => {}, disable: () => {}, count: 0, input };
    }
    const select = make("select", { id, multiple: spec.kind === "multiselect" });
    spec.labels.forEach((label, i) => select.append(make("option", { value: String(i), textContent: label })));
    if (spec.kind === "multiselect") {
      select.size = Math.min(Math.max(spec.labels.length, 3), 8);
      [...select.options].forEach((o) => { o.selected = true; });
    }
    select.addEventListener("change", onChange);
    return { el: make("div", { className: "course-field" }, [make("label", { htmlFor: id, textContent: spec.label + " " }), select]),
      get: () => Number(select.value), set: (i) => { select.selectedIndex = i; },
      chosen: () => new Set([...select.selectedOptions].map((o) => o.textContent)),
      offer: (labels) => {  // new categories: list them all, all selected; the same ones: keep the selection
        const now = [...select.options].map((o) => o.textContent);
        if (now.length === labels.length && labels.every((l) => now.includes(l))) return;
        select.replaceChildren(...labels.map((l, i) => make("option", { value: String(i), textContent: l, selected: true })));
        select.size = Math.min(Math.max(labels.length, 3), 8);
      },
      get count() { return select.options.length; },
      disable: (off) => { select.disabled = off; } };
  }

  /** The categories of a chart, top first (the category axis lists them bottom first). */
  function categories(figure) {
    const axis = (figure.layout.yaxis && figure.layout.yaxis.categoryarray) || [];
    return [...axis].reverse().map(String);
  }

  function explorer(el) {
    const data = JSON.parse(el.querySelector("script.course-data").textContent);
    const controls = {};
    const figure = make("div", { className: "course-figure" });
    const text = make("div", { className: "course-text" });
    const parts = {};
    const steppers = [];
    const update = () => {
      const key = data.controls.map((c) => (c.kind === "multiselect" ? 0 : c.kind === "search" ? "" : controls[c.name].get()));
      if (data.extra && data.extra.kind === "glossary") {
        figure.hidden = true;
        text.innerHTML = glossaryHtml(data.extra.terms, controls.query.get());
        return;
      }
      const index = data.states[key.join(".")];
      if (index === undefined) return;
      const [figureIndex, words, html, disabled] = data.views[index];
      let shown = figureIndex >= 0 ? data.figures[figureIndex] : null;
      let alternative = words;
      for (const c of data.controls) {
        if (c.kind !== "multiselect" || !shown) continue;
        controls[c.name].offer(categories(shown));  // the list follows the chart (another denominator, other cancers)
        const keep = controls[c.name].chosen();
        if (keep.size < controls[c.name].count) {
          shown = filterFigure(shown, keep);
          alternative = filterText(words, keep, "No cancer selected: pick at least one in the list.");
        }
      }
      figure.hidden = !shown;
      if (shown) draw(figure, shown, data.template);
      text.innerHTML = alternative;
      for (const [name, value] of Object.entries(html)) parts[name].innerHTML = value;
      for (const c of data.controls) controls[c.name].disable(disabled.includes(c.name));
      for (const s of steppers) s();
    };
    for (const spec of data.controls) controls[spec.name] = control(spec, update);
    const row = make("div", { className: "course-controls" });
    const pieces = [];
    for (const piece of data.layout) {
      if (piece.startsWith("stepper:")) {
        const target = controls[piece.slice(8)];
        const prev = make("button", { type: "button", textContent: "◀ Previous" });
        const next = make("button", { type: "button", textContent: "Next ▶" });
        const move = (by) => { target.set(Math.min(Math.max(target.get() + by, 0), target.count - 1)); update(); };
        prev.addEventListener("click", () => move(-1));
        next.addEventListener("click", () => move(+1));
        steppers.push(() => { prev.disabled = target.get() === 0; next.disabled = target.get() === target.count - 1; });
        row.append(prev, next);
      } else if (controls[piece]) row.append(controls[piece].el);
      else if (piece === "figure") pieces.push(figure);
      else if (piece === "text") pieces.push(text);
      else pieces.push((parts[piece] = make("div", { className: `course-part course-part-${piece}` })));
    }
    text.setAttribute("role", "region");
    text.setAttribute("aria-label", "The chart in words");
    el.append(row, ...pieces);
    const initial = String(data.initial || "").split(".");
    data.controls.forEach((c, i) => { if (c.kind !== "multiselect" && c.kind !== "search") controls[c.name].set(Number(initial[i] || 0)); });
    update();
  }

  function staticFigure(el) {
    const { spec, template } = JSON.parse(el.querySelector("script.course-data").textContent);
    const div = make("div", { className: "course-figure" });
    el.append(div);
    draw(div, spec, template);
  }

  function selfCheck(el) {
    const name = `course-check-${++uid}`;
    const feedback = el.querySelector(".course-feedback");
    el.querySelectorAll("input[type=radio]").forEach((input) => {
      input.name = name;
      input.addEventListener("change", () => {
        feedback.innerHTML = `<strong>${esc(input.dataset.verdict)}</strong> ${esc(input.dataset.feedback)}`;
      });
    });
  }

  function start() {
    document.querySelectorAll(".course-explorer").forEach(explorer);
    document.querySelectorAll(".course-static-figure").forEach(staticFigure);
    document.querySelectorAll(".course-check").forEach(selfCheck);
    document.documentElement.dataset.courseReady = "1";
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(typeof window !== "undefined" ? window : globalThis);
