// Choices loaded from the API for forms: job queues and job types.

import { get } from "./api.js";
import { h, replace } from "./dom.js";

/**
 * A <select> of the job queues (labelled by full path), filled once the list arrives. `value` picks what an option
 * sends (e.g. q => q.id); `none` is the label of the empty first option, or null for no empty option.
 */
export function queueSelect(name, selected, value, none, attributes) {
  const element = h("select", { name, ...attributes }, none === null ? null : h("option", { value: "" }, none));
  get("/jobqueues/").then(queues => {
    const chosen = element.value || selected;
    replace(element, none === null ? null : h("option", { value: "" }, none),
      queues.map(q => h("option", { value: value(q), selected: String(value(q)) === String(chosen ?? "") },
        q.fullpath || q.name)));
  }, failure => replace(element, h("option", { value: "" }, "queues unavailable: " + failure.message)));
  return element;
}

/** A <select> of the job type names. */
export function jobtypeSelect(name, selected) {
  const element = h("select", { name, required: true });
  get("/jobtypes/").then(types => replace(element, types.map(t =>
    h("option", { value: t.name, selected: t.name === selected }, t.name))),
  failure => replace(element, h("option", { value: "" }, "job types unavailable: " + failure.message)));
  return element;
}
