// The job list: filters by state, queue and user, sorted and paged by the API, with each job's progress.

import { get, getPage, query } from "./api.js";
import { h, replace, table, stateBadge, progressBar, formatTime, select } from "./dom.js";
import { Pager } from "./pager.js";
import { queueSelect } from "./pickers.js";

export const WORK_STATES = ["queued", "running", "paused", "failed", "done"];
const SORTS = [["-id", "newest first"], ["id", "oldest first"], ["-priority", "highest priority"],
  ["title", "title"], ["state", "state"], ["-time_submitted", "last submitted"]];
const PAGE_SIZES = ["10", "25", "50", "100"];

export function jobsView(root, { params }, page) {
  const filters = {
    state: params.state || "", queue: params.queue || "", user: params.user || "",
    sort: params.sort || "-id", limit: params.limit || "25",
  };
  const pager = new Pager(() => page.refresh());
  const list = h("div", null, h("p", { class: "muted loading" }, "Loading jobs…"));

  const apply = form => page.go("jobs", Object.fromEntries(new FormData(form)));
  const form = h("form", { class: "filters", id: "job-filters", onchange: e => apply(e.currentTarget),
    onsubmit: e => { e.preventDefault(); apply(e.currentTarget); } },
  h("label", null, "State", select("state", [["", "any"], ...WORK_STATES.map(s => [s, s])], filters.state)),
  // The API's queue filter matches queue names (a name may repeat under different parents).
  h("label", null, "Queue", queueSelect("queue", filters.queue, q => q.name, "any")),
  h("label", null, "User", h("input", { name: "user", value: filters.user, placeholder: "username", size: 12 })),
  h("label", null, "Sort", select("sort", SORTS, filters.sort)),
  h("label", null, "Per page", select("limit", PAGE_SIZES.map(n => [n, n]), filters.limit)),
  h("button", { type: "submit" }, "Apply"),
  h("a", { href: "#/jobs" }, "clear filters"));

  replace(root, h("section", null, h("h2", null, "Jobs", h("a", { href: "#/submit" }, "submit a job…")), form, list,
    pager.element));

  async function refresh() {
    const answer = await getPage("/jobs/" + query({ ...filters, cursor: pager.cursor }));
    const ids = answer.items.map(job => job.id);
    const [details, counts] = await Promise.all([
      // The list answers id, title and state only; the rest comes from each job's document.
      Promise.all(ids.map(id => get("/jobs/" + id).catch(() => null))),
      ids.length ? get("/statistics/job_task_counts/" + query({ job: ids })) : [],
    ]);
    const countsOf = new Map(counts.map(c => [c.job_id, c]));
    replace(list, table("jobs", ["id", "title", "state", "progress", "queue", "user", ["priority", "number"], "submitted"],
      answer.items.map((job, i) => row(job, details[i], countsOf.get(job.id))), "No jobs match these filters."));
    pager.loaded(answer.next);
  }

  return { refresh };
}

function row(job, detail, counts) {
  return h("tr", { dataset: { job: job.id } },
    h("td", { class: "number" }, job.id),
    h("td", null, h("a", { href: "#/jobs/" + job.id }, job.title),
      detail && detail.to_be_deleted ? h("span", { class: "tag" }, "deleting") : null),
    h("td", null, stateBadge(job.state)),
    h("td", null, counts ? progressBar(counts) : ""),
    h("td", null, detail ? detail.jobqueue || "" : ""),
    h("td", null, detail ? detail.user || "" : ""),
    h("td", { class: "number" }, detail ? detail.priority : ""),
    h("td", null, detail ? formatTime(detail.time_submitted) : ""));
}
