// An enrolled kiosk or display renews its device cookie once per page load, so it never runs out.
(function () {
  fetch("/_device/renew", { method: "POST", credentials: "same-origin" }).catch(function () {});
})();
