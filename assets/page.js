// Small helpers of the public pages, wired by data attributes (the server never sends scripts):
// print buttons, and after a booking step changes, start at the top and move the focus to the new
// step's heading so that screen readers announce it.
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
})();
