// The page's frame: routes "#/<view>/<id>?<params>" to a view, refreshes it every few seconds, shows errors.

import { h, replace } from "./dom.js";
import { jobsView } from "./jobs.js";
import { jobView } from "./job.js";
import { agentsView } from "./agents.js";
import { queuesView } from "./queues.js";
import { submitView } from "./submit.js";
import { statisticsView } from "./statistics.js";

const REFRESH_MS = 3000;
const ROUTES = [
  [/^jobs$/, "jobs", jobsView],
  [/^jobs\/(\d+)$/, "jobs", jobView],
  [/^agents$/, "agents", agentsView],
  [/^queues$/, "queues", queuesView],
  [/^submit$/, "submit", submitView],
  [/^statistics$/, "statistics", statisticsView],
];

let current = null;
let refreshing = null;
let refreshAgain = false;
let noticeTimer = null;

/** A refresh's failure goes away with the next refresh that works; an action's stays until the next action. */
function showError(failure, cause) {
  const banner = document.getElementById("error");
  banner.hidden = !failure;
  banner.dataset.cause = failure ? cause : "";
  if (failure) {
    replace(banner, h("strong", null, failure.message), failure.where ? h("span", { class: "detail" }, failure.where) : null);
  }
}

/** What views may do to the page around them. */
const page = {
  /** Goes to another view, e.g. go("jobs", {state: "failed"}) or go("jobs/7"). */
  go(path, params) {
    const search = new URLSearchParams(Object.entries(params || {}).filter(([, v]) => v !== "" && v != null));
    const hash = "#/" + path + (search.toString() ? "?" + search : "");
    if (location.hash === hash) mount();
    else location.hash = hash;
  },
  /** Reloads the view's data now (after a change of page or filter inside the view). */
  refresh() {
    return refresh();
  },
  /** Shows a refusal of something the user did (a form, a button) with the server's own words. */
  error(failure) {
    showError(failure, "action");
  },
  /** A short confirmation that something was done. */
  notice(text) {
    const banner = document.getElementById("notice");
    replace(banner, text);
    banner.hidden = false;
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(() => { banner.hidden = true; }, 6000);
  },
  /** Runs a user's action (a POST) and reports it: the notice on success, the refusal otherwise; then refreshes. */
  async act(action, success) {
    try {
      const result = await action();
      showError(null);
      page.notice(typeof success === "function" ? success(result) : success);
      await refresh();
      return result;
    } catch (failure) {
      page.error(failure);
      return undefined;
    }
  },
};

function route() {
  const [path, search] = location.hash.replace(/^#\/?/, "").split("?");
  for (const [pattern, nav, view] of ROUTES) {
    const match = pattern.exec(path || "jobs");
    if (match) return { nav, view, id: match[1], params: Object.fromEntries(new URLSearchParams(search || "")) };
  }
  return null;
}

function mount() {
  const target = route();
  const root = document.getElementById("view");
  showError(null);
  document.querySelectorAll("header nav a").forEach(a => a.classList.toggle("current", target && a.dataset.view === target.nav));
  if (!target) {
    current = null;
    replace(root, h("section", null, h("h2", null, "Nothing here"), h("p", null, "No page is called ", location.hash, ". ",
      h("a", { href: "#/jobs" }, "Go to the jobs"))));
    return;
  }
  replace(root);
  current = target.view(root, target, page);
  refresh();
}

/** Reloads the current view's data; a refresh asked for while one runs follows it (actions must show at once). */
async function refresh() {
  if (refreshing) {
    refreshAgain = true;
    return refreshing;
  }
  refreshing = (async () => {
    do {
      refreshAgain = false;
      const view = current;
      if (!view) break;
      try {
        await view.refresh();
        if (view === current) {
          if (document.getElementById("error").dataset.cause === "refresh") showError(null);
          document.getElementById("updated").textContent = "updated " + new Date().toLocaleTimeString();
        }
      } catch (failure) {
        if (view === current) {
          showError(failure, "refresh");
          // What never loaded says so, instead of "Loading…" forever.
          document.querySelectorAll("#view .loading").forEach(placeholder => {
            placeholder.className = "error-text";
            placeholder.textContent = "Could not load: " + failure.message;
          });
        }
      }
    } while (refreshAgain);
  })();
  try {
    await refreshing;
  } finally {
    refreshing = null;
  }
}

window.addEventListener("hashchange", mount);
document.addEventListener("visibilitychange", () => { if (!document.hidden) refresh(); });
setInterval(() => { if (!document.hidden) refresh(); }, REFRESH_MS);
mount();
