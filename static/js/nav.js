/* The header's menus (Account, and Menu on phones) are <details>, which open and close
   without this file. Here they also say whether they are open (aria-expanded), close with
   Escape (focus back on their button) or a click elsewhere, and one opening closes the
   other. */
(function () {
  "use strict";

  var menus = Array.prototype.slice.call(document.querySelectorAll("details[data-dropdown]"));

  function sync(menu) {
    menu.querySelector("summary").setAttribute("aria-expanded", menu.open ? "true" : "false");
  }

  menus.forEach(function (menu) {
    sync(menu);
    menu.addEventListener("toggle", function () {
      sync(menu);
      if (!menu.open) return;
      menus.forEach(function (other) {
        if (other !== menu && other.open) other.open = false;
      });
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    menus.forEach(function (menu) {
      if (!menu.open) return;
      menu.open = false;
      sync(menu);
      menu.querySelector("summary").focus();
    });
  });

  document.addEventListener("click", function (event) {
    menus.forEach(function (menu) {
      if (menu.open && !menu.contains(event.target)) menu.open = false;
    });
  });
})();
