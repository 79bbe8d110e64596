// Starts Redoc on the <redoc> element with the page's Content-Security-Policy nonce, so that
// the <style> elements Redoc generates are allowed. Browsers hide a nonce attribute from
// Redoc's own reading of the element's attributes, so it is passed here from this script's
// nonce property, which stays readable.
(function () {
  "use strict";
  var element = document.querySelector("redoc");
  var nonce = document.currentScript ? document.currentScript.nonce : "";
  window.Redoc.init(element.getAttribute("data-spec-url"), { nonce: nonce }, element);
})();
