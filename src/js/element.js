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
