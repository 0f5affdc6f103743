// The REST API as the page uses it: every refusal becomes an ApiError carrying the server's {"error": ...} text.

export const API = "/api/v1";

/** A request the API refused or could not answer; `message` is what to show the user. */
class ApiError extends Error {
  constructor(method, path, status, message) {
    super(message);
    this.method = method;
    this.path = API + path;
    this.status = status;
  }

  /** Where it happened, e.g. "GET /api/v1/jobs/7 → 404". */
  get where() {
    return this.method + " " + this.path + (this.status ? " → " + this.status : "");
  }
}

/** "?a=1&b=x" from the entries whose value is not empty; arrays repeat their key. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one !== undefined && one !== null && one !== "") search.append(key, one);
    }
  }
  const text = search.toString();
  return text ? "?" + text : "";
}

async function request(method, path, body) {
  const init = { method, headers: { Accept: "application/json" } };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(API + path, init);
  } catch (failure) {
    throw new ApiError(method, path, 0, "cannot reach the api-server: " + failure.message);
  }
  if (!response.ok) {
    throw new ApiError(method, path, response.status, await refusal(response));
  }
  return response;
}

/** The server's reason: the "error" of a JSON body, else the HTTP status (e.g. from a proxy). */
async function refusal(response) {
  const text = await response.text();
  try {
    const json = JSON.parse(text);
    if (json && typeof json.error === "string") return json.error;
  } catch (notJson) {
    // fall through to the status line
  }
  return "HTTP " + response.status + (response.statusText ? " " + response.statusText : "");
}

export async function get(path) {
  return (await request("GET", path)).json();
}

/** One page of a list: its items and the cursor of the next page (null on the last one). */
export async function getPage(path) {
  const response = await request("GET", path);
  return { items: await response.json(), next: response.headers.get("X-Next-Cursor") };
}

/** Every item of a list, page by page, stopping after `maxPages` pages (`truncated` then says so). */
export async function getAll(path, params, pageSize = 1000, maxPages = 20) {
  const items = [];
  let cursor = null;
  for (let page = 0; page < maxPages; page++) {
    const answer = await getPage(path + query({ ...params, limit: pageSize, cursor }));
    items.push(...answer.items);
    cursor = answer.next;
    if (!cursor) return { items, truncated: false };
  }
  return { items, truncated: true };
}

export async function getText(path) {
  return (await request("GET", path)).text();
}

/** POST with a JSON body (or none); answers the JSON document the server returns. */
export async function post(path, body) {
  const response = await request("POST", path, body);
  return response.status === 204 ? null : response.json();
}

export async function remove(path) {
  await request("DELETE", path);
}
