// Building the page: one element factory and the formats every view shares.

/**
 * h("a", {href: "#/jobs", class: "x", onclick: fn}, "text", child, [more]) — attributes starting with "on" become
 * listeners, `dataset` sets data-* attributes, false/null attributes and children are left out.
 */
export function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on")) element.addEventListener(name.substring(2), value);
    else if (name === "dataset") Object.assign(element.dataset, value);
    else if (name in element && typeof value !== "string") element[name] = value;
    else element.setAttribute(name, value === true ? "" : value);
  }
  element.append(...flat(children));
  return element;
}

function flat(children) {
  return children.flat(Infinity).filter(c => c !== null && c !== undefined && c !== false)
    .map(c => (c instanceof Node ? c : String(c)));
}

export function replace(element, ...children) {
  element.replaceChildren(...flat(children));
}

/** A table with a header row; `rows` are <tr> elements; `empty` is shown when there are none. */
export function table(id, headings, rows, empty) {
  const head = h("tr", null, headings.map(heading => {
    const [text, cls] = Array.isArray(heading) ? heading : [heading];
    return h("th", { class: cls }, text);
  }));
  const body = rows.length
    ? rows
    : h("tr", null, h("td", { class: "empty", colspan: headings.length }, empty));
  return h("table", { id }, h("thead", null, head), h("tbody", null, body));
}

export function stateBadge(state) {
  return h("span", { class: "state state-" + state }, state);
}

/** A bar of done/running/failed shares of `counts` ({total, done, running, failed}) with "done/total". */
export function progressBar(counts) {
  const share = n => (counts.total ? (100 * n) / counts.total : 0);
  let left = 0;
  const parts = ["done", "running", "failed"].map(kind => {
    const span = h("span", { class: kind, style: `left:${left}%;width:${share(counts[kind])}%` });
    left += share(counts[kind]);
    return span;
  });
  const label = counts.done + "/" + counts.total + (counts.failed ? ", " + counts.failed + " failed" : "");
  return h("span", { class: "progress" }, h("span", { class: "bar" }, parts), h("span", { class: "bar-label" }, label));
}

/** PyFarm's times are UTC without an offset. */
export function parseTime(text) {
  return text ? new Date(/[zZ]|[+-]\d\d:\d\d$/.test(text) ? text : text + "Z") : null;
}

function pad(n) {
  return String(n).padStart(2, "0");
}

/** Local time, e.g. "2026-11-23 17:10:04"; empty for none. */
export function formatTime(text) {
  const t = parseTime(text);
  if (!t) return "";
  return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())} ${pad(t.getHours())}:${pad(t.getMinutes())}:${pad(t.getSeconds())}`;
}

export function formatDuration(ms) {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return s + "s";
  if (s < 3600) return Math.floor(s / 60) + "m " + (s % 60) + "s";
  return Math.floor(s / 3600) + "h " + Math.floor((s % 3600) / 60) + "m";
}

/** RAM given in MB, e.g. "15.6 GB". */
export function formatRam(mb) {
  if (mb === null || mb === undefined) return "";
  return mb >= 1024 ? (mb / 1024).toFixed(1) + " GB" : mb + " MB";
}

/** Frames are numbers with up to 4 decimals; whole ones are shown without ".0". */
export function formatFrame(frame) {
  return Number.isInteger(frame) ? String(frame) : String(Number(frame.toFixed(4)));
}

export function tags(names) {
  return (names || []).map(name => h("span", { class: "tag" }, name));
}

/** A <select> of [value, label] options with `selected` chosen. */
export function select(name, options, selected, attributes) {
  return h("select", { name, ...attributes }, options.map(([value, label]) =>
    h("option", { value, selected: String(value) === String(selected ?? "") }, label)));
}

/**
 * A button that asks again before doing something that cannot be undone: the first click shows
 * "<question> Yes / No" in its place.
 */
export function confirmButton(label, question, action, attributes) {
  const wrapper = h("span", { class: "confirm" });
  const ask = () => replace(wrapper, h("span", null, question),
    h("button", { class: "danger small", "data-confirm": "yes", onclick: () => { reset(); action(); } }, "Yes"),
    h("button", { class: "small", "data-confirm": "no", onclick: reset }, "No"));
  const reset = () => replace(wrapper, h("button", { class: "danger", onclick: ask, ...attributes }, label));
  reset();
  return wrapper;
}

/**
 * A form's fields as a JSON body: empty fields are left out; data-type="number" (or type=number) sends a number,
 * "list" a comma-separated list, "json" parsed JSON (an Error naming the field when it does not parse).
 */
export function formJson(form) {
  const body = {};
  for (const field of form.elements) {
    if (!field.name || field.value.trim() === "") continue;
    const text = field.value.trim();
    const type = field.dataset.type || (field.type === "number" ? "number" : "text");
    if (type === "number") body[field.name] = Number(text);
    else if (type === "list") body[field.name] = text.split(",").map(s => s.trim()).filter(s => s);
    else if (type === "json") {
      try {
        body[field.name] = JSON.parse(text);
      } catch (failure) {
        throw new Error(field.name + " is not valid JSON: " + failure.message);
      }
    } else body[field.name] = text;
  }
  return body;
}
