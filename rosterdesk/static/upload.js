/* rosterdesk upload wizard, step 1: drag and drop onto the file chooser, the chosen file's name,
   a size check before sending, and the upload's progress bar.

   Loaded from base.html (external file: the CSP allows no inline script). Everything still works
   without it: the file input itself lies over the drop area, so a browser drops files on it
   natively, and the server checks size and content anyway. Progress while *checking* needs no
   script of ours either: htmx polls a partial (hx-trigger="every 1s").
*/
(function () {
  "use strict";

  function formatSize(bytes, lang) {
    var text;
    if (bytes < 1024) { text = bytes + " B"; }
    else if (bytes < 1048576) { text = Math.round(bytes / 1024) + " KB"; }
    else { text = (bytes / 1048576).toFixed(1) + " MB"; }
    return lang === "en" ? text : text.replace(".", ",");
  }

  function lang() {
    return document.documentElement.getAttribute("lang") || "nl";
  }

  function showError(form, message) {
    var box = form.querySelector("[data-client-error]");
    if (!box) { return; }
    var p = box.querySelector("p");
    if (p) { p.textContent = message || ""; }
    box.hidden = !message;
  }

  function tooLarge(input) {
    var max = parseInt(input.getAttribute("data-max-bytes") || "0", 10);
    var file = input.files && input.files[0];
    return Boolean(max && file && file.size > max);
  }

  function showChosen(zone, input) {
    var chosen = zone.querySelector("[data-chosen]");
    var name = zone.querySelector("[data-chosen-name]");
    var file = input.files && input.files[0];
    if (chosen && name) {
      name.textContent = file ? file.name + " (" + formatSize(file.size, lang()) + ")" : "";
      chosen.hidden = !file;
    }
    zone.classList.toggle("has-file", Boolean(file));
    var form = zone.closest("form");
    if (form) { showError(form, tooLarge(input) ? input.getAttribute("data-too-large") : ""); }
  }

  function setupZone(zone) {
    if (zone.getAttribute("data-ready")) { return; }
    zone.setAttribute("data-ready", "1");
    var input = zone.querySelector("input[type=file]");
    if (!input) { return; }
    ["dragenter", "dragover"].forEach(function (type) {
      zone.addEventListener(type, function (event) {
        event.preventDefault();
        zone.classList.add("is-dragover");
      });
    });
    ["dragleave", "dragend", "drop"].forEach(function (type) {
      zone.addEventListener(type, function () { zone.classList.remove("is-dragover"); });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      var files = event.dataTransfer && event.dataTransfer.files;
      if (files && files.length) {
        input.files = files;
        input.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
    input.addEventListener("change", function () { showChosen(zone, input); });
    showChosen(zone, input);
  }

  function setup(root) {
    if (!root || !root.querySelectorAll) { return; }
    if (root.matches && root.matches("[data-dropzone]")) { setupZone(root); }
    root.querySelectorAll("[data-dropzone]").forEach(setupZone);
  }

  // Refuse a file that is too large before sending it (the server refuses it too, with a 413).
  // Capture phase, so that htmx's own submit handler on the form never sees the event.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("[data-upload-form]")) { return; }
    var input = form.querySelector("input[type=file]");
    if (input && tooLarge(input)) {
      event.preventDefault();
      event.stopPropagation();
      showError(form, input.getAttribute("data-too-large"));
      return;
    }
    var progress = form.querySelector("[data-upload-progress]");
    if (progress) { progress.hidden = false; }
    var button = form.querySelector("button[type=submit]");
    if (button) { button.setAttribute("aria-busy", "true"); }
  }, true);

  document.addEventListener("htmx:xhr:progress", function (event) {
    var form = event.target.closest ? event.target.closest("[data-upload-form]") : null;
    if (!form || !event.detail || !event.detail.lengthComputable) { return; }
    var bar = form.querySelector("[data-upload-progress] progress");
    if (bar) { bar.value = Math.round(100 * event.detail.loaded / Math.max(event.detail.total, 1)); }
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.target.closest ? event.target.closest("[data-upload-form]") : null;
    var button = form && form.querySelector("button[type=submit]");
    if (button) { button.removeAttribute("aria-busy"); }
  });

  document.addEventListener("htmx:load", function (event) { setup(event.detail && event.detail.elt); });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setup(document); });
  } else {
    setup(document);
  }
}());
