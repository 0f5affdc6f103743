// The job queue tree with each queue's latest sampled task counts, and a form to add a queue.

import { getPage, post, query } from "./api.js";
import { h, replace, table, formatTime, formJson } from "./dom.js";
import { queueSelect } from "./pickers.js";

export function queuesView(root, target, page) {
  const list = h("div", null, h("p", { class: "muted loading" }, "Loading queues…"));
  const form = h("form", { class: "grid-form", id: "new-queue", onsubmit: e => {
    e.preventDefault();
    const fields = e.currentTarget;
    page.act(async () => post("/jobqueues/", formJson(fields)), queue => {
      fields.reset();
      return "Queue " + (queue.fullpath || queue.name) + " created";
    });
  } },
  h("label", null, "Name", h("input", { name: "name", required: true })),
  h("label", null, "Parent", queueSelect("parent_jobqueue_id", null, q => q.id, "top level", { "data-type": "number" })),
  h("label", null, "Priority", h("input", { name: "priority", type: "number", placeholder: "5" })),
  h("label", null, "Weight", h("input", { name: "weight", type: "number", placeholder: "10" })),
  h("label", null, "Minimum agents", h("input", { name: "minimum_agents", type: "number", min: 0 })),
  h("label", null, "Maximum agents", h("input", { name: "maximum_agents", type: "number", min: 0 })),
  h("div", { class: "wide" }, h("button", { type: "submit" }, "Add queue")));
  replace(root, h("section", null, h("h2", null, "Job queues"), list),
    h("section", null, h("h2", null, "New queue"), form));

  async function refresh() {
    const [queues, samples] = await Promise.all([
      getPage("/jobqueues/" + query({ limit: 1000 })),
      getPage("/statistics/task_counts/" + query({ sort: "-counted_time", limit: 1000 })),
    ]);
    const latest = samples.items.length ? samples.items[0].counted_time : null;
    const counts = new Map(samples.items.filter(s => s.counted_time === latest).map(s => [s.job_queue_id, s]));
    replace(list, table("queues", ["queue", ["priority", "number"], ["weight", "number"], "agents",
      "tasks at " + (latest ? formatTime(latest) : "the last sample"), ""],
    queues.items.map(queue => row(queue, counts.get(queue.id))),
    "No job queues yet: jobs run in no queue. Add one below."),
    queues.next ? h("p", { class: "muted" }, "Only the first 1000 queues are shown.") : null);
  }

  return { refresh };
}

function row(queue, sample) {
  const depth = (queue.fullpath || queue.name).split("/").length - 1;
  return h("tr", { dataset: { queue: queue.id } },
    h("td", null, h("span", { class: "indent", style: `width:${depth * 18}px` }), queue.name,
      depth ? h("span", { class: "muted" }, "  " + queue.fullpath) : null),
    h("td", { class: "number" }, queue.priority),
    h("td", { class: "number" }, queue.weight),
    h("td", null, [queue.minimum_agents ?? "any", queue.maximum_agents ?? "any"].join("–")),
    h("td", null, sample ? `${sample.total_queued} queued, ${sample.total_running} running, ${sample.total_done} done, `
      + `${sample.total_failed} failed` : h("span", { class: "muted" }, "not sampled")),
    h("td", null, h("a", { href: "#/jobs?queue=" + encodeURIComponent(queue.name) }, "jobs")));
}
