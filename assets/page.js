// Small helpers of the public pages, wired by data attributes (the server never sends scripts):
// print buttons; after a booking step changes, start at the top and move the focus to the new
// step's heading so that screen readers announce it; and after a form is sent, when the server's
// answer marks fields invalid, move the focus to the first of them (WCAG 3.3.1).
(function () {
  document.addEventListener("click", function (e) {
    if (e.target.closest("[data-ts-print]")) window.print();
  });
  let step = null;
  function visibleHeading() {
    return Array.from(document.querySelectorAll("main h1")).find((h) => h.offsetParent !== null);
  }
  new MutationObserver(function () {
    const el = document.querySelector("[data-step]");
    const now = el ? el.getAttribute("data-step") : null;
    if (now === step) return;
    const changed = step !== null;
    step = now;
    if (!changed) return;
    window.scrollTo(0, 0);
    setTimeout(function () { visibleHeading()?.focus(); }, 60);
  }).observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-step"] });

  // First invalid field. Only right after a submit, and only while the focus is still where the
  // person sent the form from (a field or the button): other re-renders never move the focus.
  // The answer is recognised by a change of the set of invalid fields; when a second submit leaves
  // the same fields invalid the page does not change at all, so then the focus moves after a
  // moment anyway.
  const SAME_ERRORS_MS = 1200;
  const WINDOW_MS = 10000;
  let sent = null; // { form, from, before, at }
  function invalid(form) {
    const root = form.isConnected ? form : document;
    return Array.from(root.querySelectorAll('[aria-invalid="true"]')).filter((f) => f.getClientRects().length > 0);
  }
  function key(fields) {
    return fields.map((f) => f.id || f.name).join(" ");
  }
  function focusFirst(force) {
    if (!sent) return;
    if (Date.now() - sent.at > WINDOW_MS) { sent = null; return; }
    const active = document.activeElement;
    if (active !== sent.from && active !== document.body && active !== null) { sent = null; return; }
    const fields = invalid(sent.form);
    if (!fields.length || (!force && key(fields) === sent.before)) return;
    sent = null;
    fields[0].focus();
  }
  document.addEventListener("submit", function (e) {
    const form = e.target;
    if (!(form instanceof HTMLFormElement)) return;
    sent = { form: form, from: document.activeElement, before: key(invalid(form)), at: Date.now() };
    const mine = sent;
    if (mine.before) setTimeout(function () { if (sent === mine) focusFirst(true); }, SAME_ERRORS_MS);
  }, true);
  new MutationObserver(function () { if (sent) focusFirst(false); })
    .observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ["aria-invalid"] });
})();
