/* Check-in without reloading, and scanning with the camera where the browser can.
   The page works without this file: the form posts and the server answers with the page.
   Here the same form is sent with fetch, asking for JSON, so the camera keeps running
   between badges. The camera button appears only where the browser has BarcodeDetector
   (and getUserMedia); elsewhere staff type the code. */
(function () {
  "use strict";

  var form = document.getElementById("checkin-form");
  var result = document.getElementById("checkin-result");
  if (!form || !result || !window.fetch) return;
  var input = form.querySelector("input[name=code]");
  var busy = false;

  function line(text, className) {
    var p = document.createElement("p");
    if (className) p.className = className;
    p.textContent = text;
    return p;
  }

  function show(data, ok) {
    result.replaceChildren();
    result.classList.remove("is-ok", "is-already", "is-invalid");
    if (!ok) {
      result.classList.add("is-invalid");
      result.append(line("Not valid", "checkin-status"), line(data.message || "This code is not valid."));
      return;
    }
    result.classList.add(data.status === "already_checked_in" ? "is-already" : "is-ok");
    result.append(line(data.message, "checkin-status"), line(data.name, "checkin-name"));
    if (data.company) result.append(line(data.company, "checkin-company"));
    result.append(line(data.pass, "checkin-pass"));
    Object.keys(data.counts || {}).forEach(function (day) {
      var cell = document.querySelector('[data-day="' + day + '"]');
      if (cell) cell.textContent = data.counts[day];
    });
    var attendance = document.getElementById("attendance-count");
    if (attendance && typeof data.attendance === "number") attendance.textContent = data.attendance;
  }

  function send() {
    if (busy) return Promise.resolve();
    busy = true;
    return fetch(form.getAttribute("action") || window.location.href, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.json().then(function (data) { show(data, response.ok); });
      })
      .then(function () { input.value = ""; input.focus(); })
      .catch(function () { form.submit(); })
      .finally(function () { busy = false; });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    send();
  });

  // The camera: only where the browser can decode QR codes itself.
  var box = document.getElementById("checkin-camera");
  var toggle = document.getElementById("camera-toggle");
  var video = document.getElementById("camera-view");
  var status = document.getElementById("camera-status");
  if (!box || !("BarcodeDetector" in window) || !navigator.mediaDevices ||
      !navigator.mediaDevices.getUserMedia) return;
  box.hidden = false;
  var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
  var stream = null;
  var lastCode = "";
  var lastAt = 0;

  function stop() {
    if (stream) stream.getTracks().forEach(function (track) { track.stop(); });
    stream = null;
    video.hidden = true;
    toggle.textContent = "Scan with the camera";
    status.textContent = "";
  }

  function tick() {
    if (!stream) return;
    detector.detect(video).then(function (codes) {
      var code = codes.length ? codes[0].rawValue : "";
      var now = Date.now();
      // The same badge held in front of the camera is sent once every few seconds at most.
      if (code && (code !== lastCode || now - lastAt > 4000)) {
        lastCode = code;
        lastAt = now;
        input.value = code;
        send();
      }
    }).catch(function () {}).finally(function () {
      window.setTimeout(tick, 250);
    });
  }

  toggle.addEventListener("click", function () {
    if (stream) { stop(); return; }
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (media) {
        stream = media;
        video.srcObject = media;
        video.hidden = false;
        toggle.textContent = "Stop the camera";
        status.textContent = "Hold a badge's QR code in front of the camera.";
        return video.play();
      })
      .then(tick)
      .catch(function () {
        stop();
        status.textContent = "The camera is not available; type the code instead.";
      });
  });
})();
