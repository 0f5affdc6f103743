// The agents: state, capacity, free memory, tags and running tasks, with enable and disable.

import { get, getPage, post, query } from "./api.js";
import { h, replace, table, stateBadge, formatRam, formatTime, formatFrame, tags, select } from "./dom.js";
import { Pager } from "./pager.js";

const AGENT_STATES = ["online", "running", "disabled", "offline"];
const SORTS = [["hostname", "hostname"], ["state", "state"], ["-cpus", "most cpus"], ["-ram", "most ram"],
  ["-free_ram", "most free ram"]];

export function agentsView(root, { params }, page) {
  const filters = { state: params.state || "", sort: params.sort || "hostname", limit: params.limit || "50" };
  const pager = new Pager(() => page.refresh());
  const list = h("div", null, h("p", { class: "muted loading" }, "Loading agents…"));
  const form = h("form", { class: "filters", id: "agent-filters",
    onchange: e => page.go("agents", Object.fromEntries(new FormData(e.currentTarget))) },
  h("label", null, "State", select("state", [["", "any"], ...AGENT_STATES.map(s => [s, s])], filters.state)),
  h("label", null, "Sort", select("sort", SORTS, filters.sort)),
  h("label", null, "Per page", select("limit", [["25", "25"], ["50", "50"], ["100", "100"]], filters.limit)));
  replace(root, h("section", null, h("h2", null, "Agents"), form, list, pager.element));

  async function refresh() {
    const answer = await getPage("/agents/" + query({ ...filters, cursor: pager.cursor }));
    // The list answers id, hostname, address and state; capacity, tags and tasks come per agent.
    const details = await Promise.all(answer.items.map(agent => Promise.all([
      get("/agents/" + agent.id),
      get("/agents/" + agent.id + "/tasks/" + query({ state: "running", limit: 20 })),
    ]).catch(() => [null, []])));
    replace(list, table("agents", ["hostname", "state", "address", ["cpus", "number"], ["ram", "number"], "free ram",
      "tags", "running tasks", "last heard from", ""],
    answer.items.map((agent, i) => row(agent, ...details[i])), "No agents match."));
    pager.loaded(answer.next);
  }

  function row(agent, detail, running) {
    const disabled = agent.state === "disabled";
    return h("tr", { dataset: { agent: agent.id } },
      h("td", { title: agent.id }, agent.hostname),
      h("td", null, stateBadge(agent.state)),
      h("td", null, (agent.remote_ip || "") + ":" + agent.port),
      h("td", { class: "number" }, detail ? detail.cpus : ""),
      h("td", { class: "number" }, detail ? formatRam(detail.ram) : ""),
      h("td", null, detail ? freeRam(detail) : ""),
      h("td", null, detail ? tags(detail.tags) : ""),
      h("td", { class: "running-tasks" }, running.map(task => h("div", null,
        h("a", { href: "#/jobs/" + task.job.id }, task.job.title), ` frame ${formatFrame(task.frame)} `,
        h("span", { class: "muted" }, Math.round(task.progress * 100) + "%")))),
      h("td", null, detail ? formatTime(detail.last_heard_from) : ""),
      h("td", null, h("button", { class: "small", "data-action": disabled ? "enable" : "disable",
        onclick: () => page.act(() => post("/agents/" + agent.id, { state: disabled ? "online" : "disabled" }),
          `${agent.hostname} ${disabled ? "enabled" : "disabled"}`) }, disabled ? "Enable" : "Disable")));
  }

  return { refresh };
}

function freeRam(agent) {
  const percent = agent.ram ? Math.round((100 * agent.free_ram) / agent.ram) : 0;
  return h("span", { class: "progress" }, h("span", { class: "bar" }, h("span", { class: "free", style: `left:0;width:${percent}%` })),
    h("span", { class: "bar-label" }, formatRam(agent.free_ram)));
}
