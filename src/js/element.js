// The <candor-careers> custom element. wasm-bindgen cannot subclass
// HTMLElement from Rust, so this small class forwards its life cycle to the
// Rust closures given to defineElement.
export function defineElement(tag, observed, connect, disconnect) {
  if (customElements.get(tag)) return;
  customElements.define(tag, class extends HTMLElement {
    static get observedAttributes() {
      return observed;
    }
    connectedCallback() {
      this._candorMounted = true;
      connect(this);
    }
    disconnectedCallback() {
      if (this._candorMounted) {
        this._candorMounted = false;
        disconnect(this);
      }
    }
    // A changed attribute means another company, posting or language:
    // start over rather than patch.
    attributeChangedCallback(_name, before, after) {
      if (this._candorMounted && before !== after) {
        disconnect(this);
        connect(this);
      }
    }
  });
}

export function adoptStyleSheet(root, sheet) {
  root.adoptedStyleSheets = [sheet];
}

// Loads another of Candor's modules (the candidate bundle) by URL, once.
const loading = new Map();
export function loadModule(url) {
  if (!loading.has(url)) loading.set(url, import(url));
  return loading.get(url);
}

// How many remembered applications (see src/remembered.rs) are to `company`.
// Parsed here rather than in Rust: the widget then needs no deserialiser
// for a list it only counts.
export function rememberedCount(key, company) {
  try {
    const all = JSON.parse(localStorage.getItem(key) || "[]");
    return Array.isArray(all) ? all.filter((a) => a && a.company === company).length : 0;
  } catch {
    return 0; // storage blocked (privacy settings) or not ours
  }
}
