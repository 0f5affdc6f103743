// Farm statistics: charts of the samples the scheduler-worker takes (agent_counts, task_counts, task_event_counts).

import { getAll } from "./api.js";
import { h, replace, parseTime, select } from "./dom.js";
import { queueSelect } from "./pickers.js";
import { timeChart } from "./chart.js";

const WINDOWS = [["6h", "last 6 hours"], ["24h", "last 24 hours"], ["7d", "last 7 days"], ["30d", "last 30 days"],
  ["all", "everything"]];
const HOURS = { "6h": 6, "24h": 24, "7d": 168, "30d": 720 };
// Samples are taken every 15 minutes to an hour (scheduler-worker defaults); a minute is plenty.
const RELOAD_MS = 60000;
const COLORS = { online: "#2d7a2d", running: "#1d5fa8", offline: "#999999", disabled: "#a86b00", queued: "#6b6b6b",
  done: "#2d7a2d", failed: "#b32020", new: "#7a4fb3", started: "#1d5fa8", restarted: "#5fa8d3", deleted: "#444444" };

export function statisticsView(root, { params }, page) {
  const span = params.window || "24h";
  const queue = params.queue || "";
  const charts = h("div", { class: "charts" }, h("p", { class: "muted loading" }, "Loading statistics…"));
  const form = h("form", { class: "filters", id: "statistics-filters",
    onchange: e => page.go("statistics", Object.fromEntries(new FormData(e.currentTarget))) },
  h("label", null, "Window", select("window", WINDOWS, span)),
  h("label", null, "Queue (tasks)", queueSelect("queue", queue, q => q.id, "all queues")));
  replace(root, h("section", null, h("h2", null, "Farm statistics"), form,
    h("p", { class: "muted" }, "Sampled by the scheduler-worker (enable-statistics); times are local.")), charts);
  let loadedAt = 0;

  async function refresh() {
    if (Date.now() - loadedAt < RELOAD_MS) return;
    const since = HOURS[span] ? new Date(Date.now() - HOURS[span] * 3600e3).toISOString() : undefined;
    const [agents, tasks, events] = await Promise.all([
      newestFirst("/statistics/agent_counts/", { since, sort: "-counted_time" }),
      newestFirst("/statistics/task_counts/", { since, queue, sort: "-counted_time" }),
      newestFirst("/statistics/task_event_counts/", { since, queue, sort: "-time_start" }),
    ]);
    loadedAt = Date.now();
    replace(charts,
      timeChart({ id: "chart-agents", title: "Agents", note: truncated(agents), series: ["online", "running", "disabled", "offline"]
        .map(state => line(state, agents.items.map(a => ({ t: parseTime(a.counted_time), v: a["num_" + state] })))) }),
      timeChart({ id: "chart-tasks", title: "Tasks", note: truncated(tasks), series: ["queued", "running", "done", "failed"]
        .map(state => line(state, summed(tasks.items, "counted_time", "total_" + state))) }),
      timeChart({ id: "chart-events", title: "Task events per interval", bars: true, note: truncated(events),
        series: ["new", "started", "restarted", "done", "failed", "deleted"].map(kind => line(kind, summed(events.items, "time_start", "num_" + kind, "time_end"))) }));
  }

  return { refresh };
}

/** Read newest first, so that a window with too many samples loses its oldest ones; answered oldest first. */
async function newestFirst(path, params) {
  const answer = await getAll(path, params);
  answer.items.reverse();
  return answer;
}

function line(name, points) {
  return { name, color: COLORS[name], points };
}

/** The rows of one sample (one per job queue) added up, one point per sample time. */
function summed(rows, timeField, valueField, untilField) {
  const byTime = new Map();
  for (const row of rows) {
    const point = byTime.get(row[timeField]) || { t: parseTime(row[timeField]), v: 0, until: untilField ? parseTime(row[untilField]) : undefined };
    point.v += row[valueField];
    byTime.set(row[timeField], point);
  }
  return [...byTime.values()];
}

function truncated(answer) {
  return answer.truncated ? "Only the newest " + answer.items.length + " rows of this window are shown." : null;
}
