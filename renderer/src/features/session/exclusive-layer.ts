// Renderer. Makes one element the only thing a person can reach: every other child of <body> (the app, and
// any dialog portalled there, even one opened later) becomes `inert` until the returned function is called.
// The session warning uses it so that no dialog left open can sit over it, catch its clicks or keep the focus.

/** Marks the nodes this layer made inert, so releasing it never un-inerts what someone else made inert. */
const OWNED = 'data-inert-by-session-layer';

export function claimExclusiveLayer(layer: HTMLElement, root: HTMLElement = document.body): () => void {
  const quiet = (node: Element) => {
    if (node === layer || node.contains(layer) || node.hasAttribute('inert')) return;
    node.setAttribute('inert', '');
    node.setAttribute(OWNED, '');
  };
  for (const child of [...root.children]) quiet(child);
  // A dialog opened after the warning (a late answer from main, say) is portalled to <body> too.
  const observer = new MutationObserver((mutations) => {
    for (const mutation of mutations) for (const node of mutation.addedNodes) if (node instanceof Element) quiet(node);
  });
  observer.observe(root, { childList: true });
  return () => {
    observer.disconnect();
    for (const node of [...root.querySelectorAll(`:scope > [${OWNED}]`)]) {
      node.removeAttribute('inert');
      node.removeAttribute(OWNED);
    }
  };
}
