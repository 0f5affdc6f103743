// Submitting a job: the common fields of POST /jobs/; the API checks them and its refusal is shown as it is.

import { post } from "./api.js";
import { h, replace, formJson } from "./dom.js";
import { queueSelect, jobtypeSelect } from "./pickers.js";

const EXAMPLE_DATA = {
  command: "{\"command\": [\"sh\", \"-c\", \"echo rendering frame {frame}\"]}",
  "fake-render": "{\"output_dir\": \"/tmp/furrow-out\", \"duration\": 0.5}",
};

export function submitView(root, target, page) {
  const data = h("textarea", { name: "data", "data-type": "json", rows: 4, placeholder: EXAMPLE_DATA.command });
  const jobtype = jobtypeSelect("jobtype", "command");
  jobtype.addEventListener("change", () => { data.placeholder = EXAMPLE_DATA[jobtype.value] || "{}"; });
  const number = (name, attributes) => h("input", { name, type: "number", ...attributes });
  const form = h("form", { class: "grid-form", id: "submit-job", onsubmit: e => {
    e.preventDefault();
    const fields = e.currentTarget;
    page.act(async () => post("/jobs/", formJson(fields)), job => {
      page.go("jobs/" + job.id);
      return `Job ${job.id} submitted with its tasks`;
    });
  } },
  h("label", { class: "wide" }, "Title", h("input", { name: "title", required: true, maxlength: 255 })),
  h("label", null, "Job type", jobtype),
  h("label", null, "First frame", number("start", { required: true, step: "any", value: 1 })),
  h("label", null, "Last frame", number("end", { required: true, step: "any", value: 10 })),
  h("label", null, "Every nth frame", number("by", { step: "any", min: 0, placeholder: "1" })),
  h("label", null, "Frames per task", number("batch", { min: 1, placeholder: "1" })),
  h("label", null, "Priority", number("priority", { min: -1000, max: 1000, placeholder: "0" })),
  h("label", null, "Retries (-1 forever)", number("requeue", { min: -1, placeholder: "3" })),
  h("label", null, "CPUs (-1 whole agent)", number("cpus", { min: -1, placeholder: "1" })),
  h("label", null, "RAM MB (-1 whole agent)", number("ram", { min: -1, placeholder: "32" })),
  h("label", null, "Queue", queueSelect("jobqueue", null, q => q.fullpath || q.name, "no queue")),
  h("label", null, "User", h("input", { name: "user", placeholder: "an existing username" })),
  h("label", null, "Tags (comma-separated)", h("input", { name: "tags", "data-type": "list" })),
  h("label", { class: "wide" }, "Job type data (JSON)", data),
  h("label", { class: "wide" }, "Notes", h("textarea", { name: "notes", rows: 2 })),
  h("div", { class: "wide" }, h("button", { type: "submit" }, "Submit job")));
  replace(root, h("section", null, h("h2", null, "Submit a job"), form));

  // Nothing on this page changes by itself.
  return { refresh: async () => {} };
}
