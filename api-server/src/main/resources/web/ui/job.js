// One job: its fields and progress, the job actions, its tasks (paged, by state) and a task's log.

import { get, getPage, post, remove, query } from "./api.js";
import {
  h, replace, table, stateBadge, progressBar, formatTime, formatDuration, formatRam, formatFrame, parseTime, tags,
  select, confirmButton,
} from "./dom.js";
import { Pager } from "./pager.js";
import { queueSelect } from "./pickers.js";
import { LogViewer } from "./tasklog.js";
import { WORK_STATES } from "./jobs.js";

const TASKS_PER_PAGE = 100;

export function jobView(root, { id, params }, page) {
  const path = "/jobs/" + id;
  const taskState = params.tasks || "";
  const hostnames = new Map();
  const pager = new Pager(() => page.refresh());
  const logs = new LogViewer(id, page);
  const title = h("h2", null, "Job " + id);
  const summary = h("div", null, h("p", { class: "muted loading" }, "Loading job…"));
  const tasks = h("div");
  let job = null;

  const pauseButton = h("button", { id: "pause", onclick: () => job && (job.state === "paused"
    ? page.act(() => post(path + "/unpause"), "Job " + id + " unpaused")
    : page.act(() => post(path + "/pause"), "Job " + id + " paused")) }, "Pause");
  const rerunFailed = h("button", { id: "rerun-failed",
    onclick: () => page.act(() => post(path + "/rerun_failed"), "Failed tasks of job " + id + " queued again") }, "Rerun failed tasks");
  const moveTo = queueSelect("jobqueue", null, q => q.id, "no queue", { id: "move-queue" });
  const actions = h("div", { class: "actions", id: "job-actions", hidden: true }, pauseButton, rerunFailed,
    confirmButton("Rerun all tasks", "Queue every task that is not running again?",
      () => page.act(() => post(path + "/rerun"), "Tasks of job " + id + " queued again"), { id: "rerun" }),
    h("span", { class: "confirm" }, moveTo, h("button", { id: "move", onclick: () => page.act(
      // A queue id travels as text, like a path segment of digits.
      () => post(path + "/move", { jobqueue: moveTo.value || null }),
      moved => "Job " + id + " moved to " + (moved.jobqueue || "no queue")) }, "Move to queue")),
    confirmButton("Delete", "Delete job " + id + " and stop its tasks?", () => deleteJob(), { id: "delete" }));

  async function deleteJob() {
    const deleted = await page.act(() => remove(path).then(() => true), "Job " + id + " is being deleted");
    if (deleted) page.go("jobs");
  }

  const stateFilter = select("tasks", [["", "all"], ...WORK_STATES.map(s => [s, s])], taskState, {
    id: "task-state", onchange: e => page.go("jobs/" + id, { tasks: e.target.value }),
  });
  replace(root,
    h("section", null, title, actions, summary),
    h("section", null, h("h2", null, "Tasks", h("label", null, "state", stateFilter)), tasks, pager.element),
    logs.element);

  async function refresh() {
    const answers = await Promise.allSettled([
      get(path),
      get("/statistics/job_task_counts/" + query({ job: id })),
      getPage(path + "/tasks/" + query({ state: taskState, limit: TASKS_PER_PAGE, cursor: pager.cursor })),
    ]);
    // The job's own refusal (e.g. 404) explains the others', so it is the one reported.
    const refused = answers.find(answer => answer.status === "rejected");
    if (refused) throw refused.reason;
    const [loaded, counts, taskPage] = answers.map(answer => answer.value);
    job = loaded;
    actions.hidden = false;
    await learnHostnames(taskPage.items);
    replace(title, "Job " + job.id + ": " + job.title, stateBadge(job.state),
      job.to_be_deleted ? h("span", { class: "tag" }, "being deleted") : null);
    pauseButton.textContent = job.state === "paused" ? "Unpause" : "Pause";
    const taskCounts = counts[0] || { total: 0, done: 0, running: 0, failed: 0, queued: 0, paused: 0 };
    rerunFailed.disabled = taskCounts.failed === 0;
    replace(summary, h("p", null, progressBar(taskCounts), " ",
      h("span", { class: "muted" }, `${taskCounts.queued} queued, ${taskCounts.running} running, ${taskCounts.paused} paused`)),
    fields(job));
    replace(tasks, table("tasks", ["frame", ["task", "number"], "state", "progress", ["attempts", "number"],
      ["failures", "number"], "agent", "started", "finished", "last error", ""],
    taskPage.items.map(task => taskRow(task)), taskState ? `No ${taskState} tasks.` : "This job has no tasks."));
    pager.loaded(taskPage.next);
    const shown = logs.task && taskPage.items.find(t => t.id === logs.task.id);
    await logs.refresh(shown ? shown.state : null);
  }

  /** Tasks name their agent by id; the hostname comes from the agent's document, once per agent. */
  async function learnHostnames(items) {
    const unknown = [...new Set(items.map(t => t.agent_id).filter(a => a && !hostnames.has(a)))];
    await Promise.all(unknown.map(agent => get("/agents/" + agent)
      .then(a => hostnames.set(agent, a.hostname), () => hostnames.set(agent, agent.substring(0, 8)))));
  }

  function taskRow(task) {
    return h("tr", { dataset: { task: task.id }, class: logs.task && logs.task.id === task.id ? "selected" : null },
      h("td", null, formatFrame(task.frame)),
      h("td", { class: "number" }, task.id),
      h("td", null, stateBadge(task.state)),
      h("td", null, fraction(task.progress, task.state)),
      h("td", { class: "number" }, task.attempts),
      h("td", { class: "number" }, task.failures),
      h("td", { title: task.agent_id || "" }, task.agent_id ? hostnames.get(task.agent_id) : ""),
      h("td", null, formatTime(task.time_started)),
      h("td", null, formatTime(task.time_finished)),
      h("td", { class: "error-text" }, task.last_error || ""),
      h("td", { class: "actions" },
        task.attempts > 0 ? h("button", { class: "small", "data-action": "log", onclick: () => logs.open(task) }, "Log") : null,
        h("button", { class: "small", "data-action": "rerun", onclick: () => page.act(
          () => post(path + "/tasks/" + task.id + "/rerun"), "Task " + task.id + " queued again") }, "Rerun")));
  }

  return { refresh };
}

function fraction(progress, state) {
  const percent = Math.round((progress || 0) * 100);
  const kind = state === "done" || state === "failed" ? state : "running";
  return h("span", { class: "progress" }, h("span", { class: "bar" }, h("span", { class: kind, style: `left:0;width:${percent}%` })),
    h("span", { class: "bar-label" }, percent + "%"));
}

function fields(job) {
  const started = parseTime(job.time_started);
  const finished = parseTime(job.time_finished);
  const entries = [
    ["job type", job.jobtype + " v" + job.jobtype_version],
    ["queue", job.jobqueue || "none"],
    ["user", job.user || "none"],
    ["frames", `${formatFrame(job.start)}–${formatFrame(job.end)} by ${formatFrame(job.by)}, ${job.batch} per task`],
    ["priority", job.priority],
    ["weight", job.weight],
    ["retries", job.requeue === -1 ? "forever" : job.requeue],
    ["cpus", job.cpus === -1 ? "whole agent" : job.cpus],
    ["ram", job.ram === -1 ? "whole agent" : formatRam(job.ram)],
    ["agents", [job.minimum_agents ?? "any", job.maximum_agents ?? "any"].join("–")],
    ["submitted", formatTime(job.time_submitted)],
    ["started", formatTime(job.time_started)],
    ["finished", formatTime(job.time_finished)],
    ["run time", started ? formatDuration((finished || new Date()) - started) : ""],
    ["tags", tags(job.tags)],
    ["requires tags", tags(job.tag_requirements.map(r => (r.negate ? "not " : "") + r.tag))],
    ["requires software", tags(job.software_requirements.map(r => r.software +
      (r.min_version || r.max_version ? ` ${r.min_version || ""}–${r.max_version || ""}` : "")))],
    ["limits", tags(Object.entries(job.limits).map(([name, amount]) => name + " × " + amount))],
    ["after jobs", job.parents.map(p => h("a", { href: "#/jobs/" + p }, "#" + p + " "))],
    ["waiting for", job.blocked_by.length ? job.blocked_by.map(parent => h("div", null,
      h("a", { href: "#/jobs/" + parent.id }, "#" + parent.id + " " + parent.title), " ", stateBadge(parent.state),
      parent.to_be_deleted ? " (being deleted)" : "")) : "no other job"],
    ["autodelete", job.autodelete_time ? formatDuration(job.autodelete_time * 1000) + " after finishing" : "never"],
  ];
  if (job.output_link) {
    // Only web addresses become links: a "javascript:" link in a job would run in the viewer's session.
    const web = /^https?:\/\//i.test(job.output_link);
    entries.push(["output", web ? h("a", { href: job.output_link, target: "_blank", rel: "noopener" }, job.output_link) : job.output_link]);
  }
  if (job.notes) entries.push(["notes", job.notes]);
  return h("div", null,
    h("dl", { class: "fields", id: "job-fields" }, entries.map(([name, value]) =>
      [h("dt", null, name), h("dd", { dataset: { field: name } }, value)])),
    job.data ? [h("h3", null, "data"), h("pre", { id: "job-data" }, readable(job.data))] : null,
    job.environ && Object.keys(job.environ).length ? [h("h3", null, "environment"), h("pre", null, readable(job.environ))] : null);
}

/** JSON on one line when it is short, indented otherwise. */
function readable(value) {
  const line = JSON.stringify(value);
  return line.length <= 100 ? line : JSON.stringify(value, null, 2);
}
