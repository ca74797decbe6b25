/* The annotated release: the language and view switches, and the card of a figure (opened by
   hovering, by keyboard focus, or by a tap or Enter, which pins it; Escape closes it). */
(function () {
  "use strict";
  var body = document.body;
  var open = null;      // the card shown
  var opener = null;    // the mark it belongs to
  var pinned = false;
  var returning = false; // focus given back to a mark by a close: does not reopen its card

  function press(group, attr, value) {
    group.forEach(function (b) { b.setAttribute("aria-pressed", String(b.dataset[attr] === value)); });
  }
  var langButtons = Array.prototype.slice.call(document.querySelectorAll(".switch button[data-lang]"));
  var viewButtons = Array.prototype.slice.call(document.querySelectorAll(".switch button[data-view]"));
  function setLang(lang) { body.dataset.lang = lang; press(langButtons, "lang", lang); }
  function setView(view) {
    close();
    body.dataset.view = view;
    var repair = document.getElementById("repair");
    if (repair) { repair.hidden = view !== "repair"; }
    press(viewButtons, "view", view);
  }
  langButtons.forEach(function (b) { b.addEventListener("click", function () { setLang(b.dataset.lang); }); });
  viewButtons.forEach(function (b) { b.addEventListener("click", function () { setView(b.dataset.view); }); });

  function place(card, mark) {
    var r = mark.getBoundingClientRect();
    var width = card.offsetWidth;
    var left = Math.max(8, Math.min(r.left + window.scrollX, document.documentElement.clientWidth - width - 8));
    card.style.left = left + "px";
    card.style.top = (r.bottom + window.scrollY + 6) + "px";
  }
  function show(mark, pin) {
    var card = document.getElementById("card-" + mark.dataset.fact);
    if (!card) { return; }
    if (open && open !== card) { close(); }
    open = card; opener = mark; pinned = pinned || !!pin;
    card.hidden = false;
    mark.setAttribute("aria-expanded", "true");
    place(card, mark);
  }
  function close() {
    if (!open) { return; }
    open.hidden = true;
    if (opener) { opener.setAttribute("aria-expanded", "false"); }
    open = null; opener = null; pinned = false;
  }
  function giveBack() {
    var back = opener;
    close();
    if (back) { returning = true; back.focus(); returning = false; }
  }
  var marks = document.querySelectorAll("mark.fig");
  Array.prototype.forEach.call(marks, function (mark) {
    mark.addEventListener("mouseenter", function () { if (!pinned) { show(mark, false); } });
    mark.addEventListener("mouseleave", function () {
      setTimeout(function () { if (!pinned && open && !open.matches(":hover") && opener === mark) { close(); } }, 250);
    });
    mark.addEventListener("focus", function () {
      if (!returning && (!pinned || opener !== mark)) { pinned = false; show(mark, false); }
    });
    mark.addEventListener("blur", function (e) {
      if (!pinned && open && !(e.relatedTarget && open.contains(e.relatedTarget))) { close(); }
    });
    mark.addEventListener("click", function (e) { e.stopPropagation(); show(mark, true); });
    mark.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); show(mark, true); open.focus(); }
      else if (e.key === "Escape") { e.stopPropagation(); close(); }
    });
  });
  document.getElementById("cards").addEventListener("click", function (e) {
    e.stopPropagation();
    var goto = e.target.closest("[data-goto]");
    if (e.target.closest(".close")) { giveBack(); }
    else if (goto) {
      e.preventDefault();
      var target = document.getElementById((body.dataset.lang === "en" ? "en-" : "zh-") + goto.dataset.goto)
        || document.getElementById("zh-" + goto.dataset.goto);
      close();
      if (target) { target.scrollIntoView({block: "center"}); target.focus(); }
    }
  });
  document.getElementById("cards").addEventListener("mouseleave", function () { if (!pinned) { close(); } });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && open) { giveBack(); }
  });
  document.addEventListener("click", function () { close(); });
  window.addEventListener("resize", function () { if (open && opener) { place(open, opener); } });
  if (location.hash === "#repair" && document.getElementById("repair")) { setView("repair"); }
}());
