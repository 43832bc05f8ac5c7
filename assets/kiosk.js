// Kiosk helpers. Keypad input stays in the browser until "Continue" (then it is sent once and
// cleared), the scanner input keeps the focus, and idle screens return to the start.
(function () {
  const buffers = { dob: "", name: "" };
  const limits = { dob: 8, name: 12 };
  let lastInput = Date.now();
  let lastScreen = null;
  let shownAt = Date.now();

  function render(kind) {
    const el = document.getElementById(kind + "-value");
    if (!el) return;
    if (kind === "dob") {
      const d = buffers.dob.padEnd(8, "_");
      el.textContent = d.slice(0, 2) + "." + d.slice(2, 4) + "." + d.slice(4);
    } else {
      el.textContent = buffers.name || "…";
    }
  }
  window.tsKey = function (kind, ch) {
    if (buffers[kind].length < limits[kind]) buffers[kind] += ch;
    render(kind);
  };
  window.tsBack = function (kind) {
    buffers[kind] = buffers[kind].slice(0, -1);
    render(kind);
  };
  window.tsTake = function (kind) {
    const value = buffers[kind];
    buffers[kind] = "";
    render(kind);
    return value;
  };
  window.tsClear = function () {
    buffers.dob = "";
    buffers.name = "";
    render("dob");
    render("name");
  };

  ["pointerdown", "keydown"].forEach((t) => document.addEventListener(t, () => (lastInput = Date.now()), true));

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
      if (scanner && document.activeElement !== scanner && !document.querySelector("[data-camera-open]")) scanner.focus();
      if (idle > 60000 && root.getAttribute("lang") !== "de" && restart) restart.click();
      return;
    }
    const limit = screen === "result" ? Number(root.getAttribute("data-result-seconds") || 15) * 1000 : 60000;
    const since = screen === "result" ? Date.now() - shownAt : Math.min(idle, Date.now() - shownAt);
    if (since > limit && restart) {
      window.tsClear();
      restart.click();
    }
  }, 500);
})();
