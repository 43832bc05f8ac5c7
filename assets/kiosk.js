// Kiosk helpers. Keypad input stays in the browser until "Continue" (a form with one hidden field,
// sent once, then cleared), the scanner input keeps the focus, and idle screens return to the start.
// Everything here is wired by data attributes and ids: the server never sends scripts to run.
(function () {
  const buffers = { dob: "", name: "" };
  const limits = { dob: 8, name: 12 };
  let lastInput = Date.now();
  let lastScreen = null;
  let shownAt = Date.now();

  function render(kind) {
    const field = document.getElementById(kind + "-input");
    if (field) field.value = buffers[kind];
    const el = document.getElementById(kind + "-value");
    if (!el) return;
    if (kind === "dob") {
      const d = buffers.dob.padEnd(8, "_");
      el.textContent = d.slice(0, 2) + "." + d.slice(2, 4) + "." + d.slice(4);
    } else {
      el.textContent = buffers.name || "…";
    }
  }
  function clear() {
    buffers.dob = "";
    buffers.name = "";
    render("dob");
    render("name");
  }

  document.addEventListener("click", function (e) {
    const key = e.target.closest("[data-ts-key]");
    if (key) {
      const [kind, ch] = key.getAttribute("data-ts-key").split(":");
      if (ch === "back") buffers[kind] = buffers[kind].slice(0, -1);
      else if (buffers[kind].length < limits[kind]) buffers[kind] += ch;
      render(kind);
      return;
    }
    if (e.target.closest("#kiosk-restart")) clear();
  }, true);
  // The form has read the hidden field when its submit handler ran; then forget what was typed.
  document.addEventListener("submit", function () { setTimeout(clear, 0); }, true);

  ["pointerdown", "keydown"].forEach((t) => document.addEventListener(t, () => (lastInput = Date.now()), true));

  // On the start screen, characters typed while a button has the focus (a scanner, or someone
  // typing) go to the scanner field; Space and Enter still press the button.
  document.addEventListener("keydown", function (e) {
    const root = document.querySelector("[data-kiosk-screen]");
    const scanner = document.getElementById("scanner-input");
    if (!root || !scanner || root.getAttribute("data-kiosk-screen") !== "start") return;
    const typing = e.key.length === 1 && e.key !== " " && !e.ctrlKey && !e.altKey && !e.metaKey;
    if (typing && document.activeElement !== scanner && !(document.activeElement instanceof HTMLInputElement)) scanner.focus();
  }, true);

  setInterval(function () {
    const root = document.querySelector("[data-kiosk-screen]");
    if (!root) return;
    const screen = root.getAttribute("data-kiosk-screen");
    if (screen !== lastScreen) {
      lastScreen = screen;
      shownAt = Date.now();
    }
    const idle = Date.now() - lastInput;
    const restart = document.getElementById("kiosk-restart");
    if (screen === "start") {
      const scanner = document.getElementById("scanner-input");
      // The hand scanner types into this field. A keyboard user who tabbed to a button keeps the
      // focus (their typed characters are redirected below); after 10 s without input it returns.
      const away = document.activeElement && document.activeElement !== document.body && idle < 10000;
      if (scanner && document.activeElement !== scanner && !away && !document.querySelector("[data-camera-open]")) scanner.focus();
      if (idle > 60000 && root.getAttribute("lang") !== "de" && restart) restart.click();
      return;
    }
    const limit = screen === "result" ? Number(root.getAttribute("data-result-seconds") || 15) * 1000 : 60000;
    const since = screen === "result" ? Date.now() - shownAt : Math.min(idle, Date.now() - shownAt);
    if (since > limit && restart) restart.click();
  }, 500);
})();
