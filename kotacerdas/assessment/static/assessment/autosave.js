// Keeps what someone types in an answer form in this browser until the server has it.
// A form marked data-autosave="key" is copied to localStorage on every change; on the next
// visit an unsaved copy is offered back. After a successful save the server renders the form
// without data-autosave-keep and the copy is cleared.
// The copy remembers the version of the answer it started from (the hidden "version" field): when
// someone saved the answer since, the restored draft says so, and the form sends the version it
// was rendered with, so a save from an older page is refused by the server, never applied blindly.
(function () {
  "use strict";
  document.querySelectorAll("form[data-autosave]").forEach(function (form) {
    var key = "kotacerdas:" + form.dataset.autosave;
    var status = form.querySelector(".autosave-status");
    var fields = form.querySelectorAll("input[name]:not([type=hidden]):not([type=file]), select[name], textarea[name]");
    var version = form.querySelector("input[name=version]");
    var stored = null;
    try { stored = JSON.parse(window.localStorage.getItem(key) || "null"); } catch (e) { stored = null; }
    var saved = !form.hasAttribute("data-autosave-keep") && sessionStorage.getItem(key + ":submitted");
    if (saved) { window.localStorage.removeItem(key); sessionStorage.removeItem(key + ":submitted"); stored = null; }
    if (stored && !form.hasAttribute("data-autosave-keep")) {
      fields.forEach(function (field) { if (field.name in stored) { field.value = stored[field.name]; } });
      var changed = version && stored.__version !== undefined && stored.__version !== version.value;
      if (status) {
        status.textContent = changed
          ? (form.dataset.changedText || "Someone saved this answer after your draft was made; check it before saving.")
          : (form.dataset.restoredText || "Draft restored from this browser; save it to keep it.");
      }
    }
    function copy() {
      var values = {};
      fields.forEach(function (field) { values[field.name] = field.value; });
      if (version) { values.__version = stored && stored.__version !== undefined ? stored.__version : version.value; }
      try { window.localStorage.setItem(key, JSON.stringify(values)); } catch (e) { /* storage full or blocked */ }
    }
    form.addEventListener("input", copy);
    form.addEventListener("change", copy);
    form.addEventListener("submit", function () { copy(); sessionStorage.setItem(key + ":submitted", "1"); });
  });
})();
