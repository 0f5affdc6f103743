// Walking a list page by page with the API's cursors (X-Next-Cursor); "previous" returns to a remembered cursor.

import { h, replace } from "./dom.js";

export class Pager {
  /** `onMove` reloads the list after the page changed. */
  constructor(onMove) {
    this.onMove = onMove;
    this.cursors = [null];
    this.next = null;
    this.element = h("div", { class: "pager" });
  }

  /** The cursor of the page shown (null for the first). */
  get cursor() {
    return this.cursors[this.cursors.length - 1];
  }

  /** Records what the page just loaded said about the next one and redraws the buttons. */
  loaded(nextCursor) {
    this.next = nextCursor;
    const page = this.cursors.length;
    replace(this.element,
      h("button", { class: "small", "data-page": "previous", disabled: page === 1, onclick: () => this.move(-1) }, "‹ Previous"),
      h("span", { class: "muted", "data-page": "number" }, "page " + page),
      h("button", { class: "small", "data-page": "next", disabled: !nextCursor, onclick: () => this.move(1) }, "Next ›"));
  }

  move(step) {
    if (step > 0 && this.next) this.cursors.push(this.next);
    if (step < 0 && this.cursors.length > 1) this.cursors.pop();
    this.onMove();
  }
}
