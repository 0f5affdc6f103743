// One task's log: pick the attempt and the log, read the CSV the agent wrote, show stdout and stderr lines.

import { API, get, getText } from "./api.js";
import { h, replace, select, formatFrame, parseTime } from "./dom.js";

/**
 * The agents' CSV rows: time, stream (0 stdout, 1 stderr), line number, pid, message. Only the message can hold
 * commas, quoted as RFC 4180 says; it never holds a line break.
 */
function parseLog(csv) {
  return csv.split("\n").filter(line => line.length).map(line => {
    const fields = [];
    let rest = line;
    for (let i = 0; i < 4; i++) {
      const comma = rest.indexOf(",");
      if (comma < 0) return { time: "", stream: 0, message: line };
      fields.push(rest.substring(0, comma));
      rest = rest.substring(comma + 1);
    }
    const message = rest.startsWith("\"") && rest.endsWith("\"") && rest.length > 1
      ? rest.substring(1, rest.length - 1).replaceAll("\"\"", "\"")
      : rest;
    return { time: fields[0], stream: Number(fields[1]), message };
  });
}

export class LogViewer {
  constructor(jobId, page) {
    this.jobId = jobId;
    this.page = page;
    this.task = null;
    this.element = h("section", { id: "task-log", hidden: true });
  }

  /** Opens the log of the task's latest attempt. */
  open(task) {
    this.task = task;
    this.attempt = task.attempts;
    this.identifier = null;
    this.loadedText = null;
    this.element.hidden = false;
    this.page.refresh();
  }

  close() {
    this.task = null;
    this.element.hidden = true;
  }

  /** Rereads the log while its task runs (its latest state comes from the job's task list); once otherwise. */
  async refresh(currentState) {
    if (!this.task) return;
    const running = (currentState || this.task.state) === "running";
    if (this.loadedText !== null && !running) return;
    const base = `/jobs/${this.jobId}/tasks/${this.task.id}/attempts/${this.attempt}/logs/`;
    const logs = await get(base);
    if (!logs.some(log => log.identifier === this.identifier)) {
      this.identifier = logs.length ? logs[logs.length - 1].identifier : null;
    }
    let text = null;
    let missing = null;
    if (this.identifier) {
      try {
        text = await getText(base + encodeURIComponent(this.identifier) + "/logfile");
      } catch (failure) {
        if (failure.status !== 404) throw failure;
        missing = failure.message; // registered, but no line has arrived yet: try again on the next refresh
      }
    }
    this.loadedText = text;
    this.render(logs, text, missing, base);
  }

  render(logs, text, missing, base) {
    const task = this.task;
    const attempts = Array.from({ length: task.attempts }, (_, i) => [i + 1, "attempt " + (i + 1)]);
    const chooseAttempt = select("attempt", attempts, this.attempt, {
      onchange: e => { this.attempt = Number(e.target.value); this.identifier = null; this.loadedText = null; this.page.refresh(); },
    });
    const chooseLog = logs.length > 1 ? select("identifier", logs.map(l => [l.identifier, l.identifier]), this.identifier, {
      onchange: e => { this.identifier = e.target.value; this.loadedText = null; this.page.refresh(); },
    }) : null;
    const lines = text === null ? [] : parseLog(text);
    replace(this.element,
      h("h2", null, `Log of task ${task.id} (frame ${formatFrame(task.frame)})`, chooseAttempt, chooseLog,
        this.identifier ? h("a", { href: API + base + encodeURIComponent(this.identifier) + "/logfile", target: "_blank" }, "raw CSV") : null,
        h("button", { class: "small", onclick: () => this.close() }, "Close")),
      this.identifier === null ? h("p", { class: "muted" }, `No log registered for attempt ${this.attempt} yet.`)
        : missing ? h("p", { class: "muted" }, missing)
        : h("div", { class: "log", id: "log-lines" }, lines.length ? lines.map(line =>
          h("div", { class: line.stream === 1 ? "stderr" : "stdout" },
            h("span", { class: "time" }, shortTime(line.time)), line.message)) : h("div", { class: "muted" }, "The log is empty.")));
  }
}

function shortTime(text) {
  const t = parseTime(text);
  return t && !isNaN(t) ? t.toLocaleTimeString() : text;
}
