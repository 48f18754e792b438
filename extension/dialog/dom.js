// Small DOM helpers for the dialog. Text goes in through `textContent` only.

/**
 * Returns the element with `id`, typed as `type`, or throws when the page lacks it.
 * @template {HTMLElement} T
 * @param {string} id
 * @param {new () => T} type
 * @returns {T}
 */
export function byId(id, type) {
  const element = document.getElementById(id);
  if (!(element instanceof type)) {
    throw new Error(`dialog.html has no ${type.name} #${id}`);
  }
  return element;
}

/**
 * Creates an element with text content.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string} [text]
 * @param {string} [className]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function element(tag, text, className) {
  const created = document.createElement(tag);
  if (text !== undefined) {
    created.textContent = text;
  }
  if (className) {
    created.className = className;
  }
  return created;
}

/**
 * Shows or clears a message under a field, marking it invalid when `invalid`.
 * @param {HTMLElement} target
 * @param {string} text
 * @param {{invalid?: boolean, code?: string}} [options]
 */
export function setMessage(target, text, options = {}) {
  target.textContent = text;
  target.classList.toggle('invalid', Boolean(options.invalid));
  if (options.code) {
    target.dataset.code = options.code;
  } else {
    delete target.dataset.code;
  }
}
