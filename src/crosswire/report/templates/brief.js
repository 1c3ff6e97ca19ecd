(function () {
  "use strict";
  function reveal(id) {
    var target = document.getElementById(id);
    if (!target) { return false; }
    var box = target.closest("details");
    if (box) { box.open = true; }
    var old = document.querySelectorAll(".revealed");
    for (var i = 0; i < old.length; i++) { old[i].classList.remove("revealed"); }
    target.classList.add("revealed");
    target.scrollIntoView({block: "center"});
    document.body.setAttribute("data-revealed", id);
    return true;
  }
  function fromHash() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (id) { reveal(id); }
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.cite") : null;
    if (!link) { return; }
    var id = link.getAttribute("href").slice(1);
    if (reveal(id)) {
      event.preventDefault();
      try { window.history.replaceState(null, "", "#" + id); } catch (ignored) { /* file:// quirks */ }
    }
  });
  window.addEventListener("hashchange", fromHash);
  window.addEventListener("beforeprint", function () {
    var boxes = document.querySelectorAll("details");
    for (var i = 0; i < boxes.length; i++) { boxes[i].open = true; }
  });
  fromHash();
})();
