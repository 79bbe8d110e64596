/*
 * The agenda builder's grid: lays out the server-rendered slots, and turns drags, resizes
 * and the slot editor into requests to the builder's endpoints. The server decides: every
 * change is checked by the scheduling service, and a refusal is shown with its reasons.
 * Plain JavaScript, HTML5 drag and drop and fetch; no inline code, so it runs under a
 * strict Content-Security-Policy.
 */
(function () {
  "use strict";

  var STEP = 5; // minutes per grid row
  var root = document.getElementById("agenda-builder");
  if (!root) {
    return;
  }
  var statusBox = document.getElementById("agenda-status");
  var cardList = document.getElementById("agenda-cards");
  var unplaced = document.getElementById("agenda-unplaced");
  var editor = document.getElementById("agenda-editor");
  var editorForm = document.getElementById("agenda-editor-form");
  var dragging = null; // what is being dragged: {type: "talk"|"slot", ...}
  var ghost = null;
  var selected = null;

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function pad(number) {
    return (number < 10 ? "0" : "") + number;
  }

  function clock(minutes) {
    var wrapped = ((minutes % 1440) + 1440) % 1440;
    return pad(Math.floor(wrapped / 60)) + ":" + pad(wrapped % 60);
  }

  function addDays(isoDay, days) {
    var parts = isoDay.split("-").map(Number);
    var date = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2] + days));
    return date.toISOString().slice(0, 10);
  }

  // "2027-03-23", 1500 -> "2027-03-24T01:00": wall-clock time the server reads in the
  // conference's timezone.
  function localMoment(day, minutes) {
    return addDays(day, Math.floor(minutes / 1440)) + "T" + clock(minutes);
  }

  function parseClock(value) {
    var parts = value.split(":").map(Number);
    return parts[0] * 60 + parts[1];
  }

  // Messages

  function say(kind, lines) {
    statusBox.textContent = "";
    statusBox.className = "agenda-status agenda-status--" + kind;
    statusBox.setAttribute("role", kind === "error" ? "alert" : "status");
    var list = document.createElement("ul");
    lines.forEach(function (line) {
      var item = document.createElement("li");
      item.textContent = line;
      list.appendChild(item);
    });
    statusBox.appendChild(list);
  }

  // Layout

  function gridOf(day) {
    return root.querySelector('.agenda-grid[data-day="' + day + '"]');
  }

  function columnOf(grid, roomId) {
    var header = grid.querySelector('.agenda-grid__room[data-room="' + roomId + '"]');
    return header ? Number(header.dataset.column) : null;
  }

  function placeSlot(grid, element) {
    var first = Number(grid.dataset.first);
    var last = Number(grid.dataset.last);
    var start = Math.max(Number(element.dataset.start), first);
    var end = Math.min(Number(element.dataset.end), last);
    var row = 2 + Math.floor((start - first) / STEP);
    var span = Math.max(1, Math.ceil((end - first) / STEP) + 2 - row);
    element.style.gridRow = row + " / span " + span;
    if (element.dataset.room) {
      var column = columnOf(grid, element.dataset.room);
      element.style.gridColumn = String(1 + column);
    } else {
      element.style.gridColumn = "2 / -1";
    }
    // A slot of a row or two shows its title rather than its times.
    element.classList.toggle("is-short", end - start <= 3 * STEP);
    element.querySelector(".agenda-slot__time").textContent =
      clock(Number(element.dataset.start)) + "–" + clock(Number(element.dataset.end));
    paint(element);
  }

  function paint(element) {
    if (element.dataset.colour) {
      element.style.setProperty("--track-colour", element.dataset.colour);
    }
  }

  function layoutGrid(grid) {
    var first = Number(grid.dataset.first);
    var last = Number(grid.dataset.last);
    grid.style.setProperty("--agenda-rooms", grid.dataset.rooms || "1");
    grid.style.setProperty("--agenda-rows", String((last - first) / STEP));
    grid.querySelectorAll(".agenda-grid__time").forEach(function (label) {
      var minute = Number(label.dataset.minute);
      var row = 2 + (minute - first) / STEP;
      label.style.gridRow = row + " / span " + 30 / STEP;
      label.textContent = clock(minute);
    });
    grid.querySelectorAll(".agenda-grid__lane").forEach(function (lane) {
      lane.style.gridColumn = String(1 + Number(lane.dataset.column));
    });
    grid.querySelectorAll(".agenda-slot").forEach(function (element) {
      placeSlot(grid, element);
    });
  }

  // Where the pointer is on a grid: which room column and which 5-minute row.
  function pointAt(grid, event) {
    var lanes = grid.querySelectorAll(".agenda-grid__lane");
    var room = null;
    var top = null;
    var bottom = null;
    lanes.forEach(function (lane) {
      var box = lane.getBoundingClientRect();
      if (event.clientX >= box.left && event.clientX < box.right) {
        room = lane.dataset.room;
      }
      top = box.top;
      bottom = box.bottom;
    });
    if (room === null || top === null) {
      return null;
    }
    var first = Number(grid.dataset.first);
    var last = Number(grid.dataset.last);
    var rowHeight = (bottom - top) / ((last - first) / STEP);
    var row = Math.floor((event.clientY - top) / rowHeight);
    return { room: room, minute: first + row * STEP, rowHeight: rowHeight };
  }

  // The place a drop would give: room ("" for the whole venue), start and end minutes.
  function proposal(grid, event) {
    var point = pointAt(grid, event);
    if (!point || !dragging) {
      return null;
    }
    var start = point.minute - (dragging.grabRows || 0) * STEP;
    start = Math.max(0, start);
    var room = dragging.wholeVenue ? "" : point.room;
    return {
      day: grid.dataset.day,
      room: room,
      start: start,
      end: start + dragging.duration,
    };
  }

  // The slots on the grid a place would collide with in its room (the server's check is the
  // one that counts; this only shows the organizer where not to drop).
  function collisions(grid, place, exceptId) {
    var found = [];
    var skip = exceptId || (dragging && dragging.type === "slot" ? dragging.id : null);
    grid.querySelectorAll(".agenda-slot").forEach(function (element) {
      if (element.dataset.slot === skip) {
        return;
      }
      var sameRoom =
        place.room === "" || element.dataset.room === "" || element.dataset.room === place.room;
      var overlaps =
        Number(element.dataset.start) < place.end && Number(element.dataset.end) > place.start;
      if (sameRoom && overlaps) {
        found.push(element.dataset.title);
      }
    });
    return found;
  }

  function showGhost(grid, place) {
    if (!ghost) {
      ghost = document.createElement("div");
      ghost.className = "agenda-ghost";
      ghost.setAttribute("aria-hidden", "true");
    }
    if (ghost.parentNode !== grid) {
      grid.appendChild(ghost);
    }
    ghost.dataset.start = String(place.start);
    ghost.dataset.end = String(place.end);
    ghost.dataset.room = place.room;
    var first = Number(grid.dataset.first);
    var row = 2 + Math.floor((place.start - first) / STEP);
    ghost.style.gridRow = row + " / span " + Math.max(1, (place.end - place.start) / STEP);
    ghost.style.gridColumn = place.room ? String(1 + columnOf(grid, place.room)) : "2 / -1";
    var taken = collisions(grid, place);
    ghost.classList.toggle("is-conflict", taken.length > 0);
    ghost.textContent =
      clock(place.start) + "–" + clock(place.end) + (taken.length ? " · taken by " + taken.join(", ") : "");
  }

  function hideGhost() {
    if (ghost && ghost.parentNode) {
      ghost.parentNode.removeChild(ghost);
    }
  }

  // Talking to the server

  // A refusal for a collision this page does not show means someone else changed the
  // schedule meanwhile: reload to show it, and repeat the reason after the reload.
  var KEPT_MESSAGE = "agenda-builder-message";

  function reloadSaying(lines) {
    try {
      window.sessionStorage.setItem(KEPT_MESSAGE, JSON.stringify(lines));
    } catch (error) {
      // Private browsing may refuse storage; the reload still shows the current grid.
    }
    window.location.reload();
  }

  function sayKeptMessage() {
    var kept = null;
    try {
      kept = window.sessionStorage.getItem(KEPT_MESSAGE);
      window.sessionStorage.removeItem(KEPT_MESSAGE);
    } catch (error) {
      kept = null;
    }
    if (kept) {
      say("error", JSON.parse(kept));
    }
  }

  function unseenCollision(answer, target, exceptId) {
    var grid = gridOf(target.day);
    var codes = answer.codes || [];
    return (
      Boolean(grid) &&
      codes.indexOf("room_overlap") >= 0 &&
      collisions(grid, target, exceptId).length === 0
    );
  }

  function send(url, fields) {
    var body = new FormData();
    Object.keys(fields).forEach(function (name) {
      body.append(name, fields[name]);
    });
    root.classList.add("is-busy");
    return fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(), Accept: "application/json" },
    })
      .then(function (response) {
        return response.json().catch(function () {
          // Not JSON: the login page after a session ended, or a server error page.
          return {
            ok: false,
            errors: [
              response.redirected
                ? "Your login has ended. Reload the page and log in again; nothing was saved."
                : "The server answered " + response.status + "; nothing was saved.",
            ],
          };
        });
      })
      .catch(function () {
        return { ok: false, errors: ["The server could not be reached; nothing was saved."] };
      })
      .then(function (answer) {
        root.classList.remove("is-busy");
        if (!answer.ok) {
          if (answer.reload) {
            window.location.reload();
          } else {
            say("error", ["Not saved:"].concat(answer.errors || []));
          }
        }
        return answer;
      });
  }

  function fromHtml(html) {
    var template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content.firstElementChild;
  }

  function putSlot(answer) {
    var old = document.getElementById("agenda-slot-" + answer.slot.id);
    if (old) {
      old.parentNode.removeChild(old);
    }
    var grid = gridOf(answer.slot.day);
    if (grid) {
      var element = fromHtml(answer.slot.html);
      grid.appendChild(element);
      placeSlot(grid, element);
      bindSlot(element);
      element.classList.add("is-saved");
      if (selected && selected.dataset.slot === element.dataset.slot) {
        select(element);
      }
    } else if (selected && selected.dataset.slot === String(answer.slot.id)) {
      closeEditor();
    }
    say("success", [answer.message].concat(answer.warnings || []));
  }

  function countCards() {
    var count = cardList.querySelectorAll(".agenda-card").length;
    document.getElementById("agenda-unplaced-count").textContent = String(count);
    var empty = unplaced.querySelector(".agenda-cards-empty");
    if (empty) {
      empty.classList.toggle("is-hidden", count > 0);
    }
  }

  function place(card, target) {
    var fields = {
      submission: card.dataset.submission,
      room: target.room,
      start: localMoment(target.day, target.start),
    };
    if (target.end !== undefined) {
      fields.end = localMoment(target.day, target.end);
    }
    send(root.dataset.placeUrl, fields).then(function (answer) {
      if (answer.ok) {
        if (selected === card) {
          closeEditor();
        }
        card.parentNode.removeChild(card);
        countCards();
        putSlot(answer);
      } else if (unseenCollision(answer, target)) {
        reloadSaying(["Not saved:"].concat(answer.errors || []));
      }
    });
  }

  function move(element, target) {
    send(element.dataset.moveUrl, {
      room: target.room,
      start: localMoment(target.day, target.start),
      end: localMoment(target.day, target.end),
      version: element.dataset.version,
    }).then(function (answer) {
      if (answer.ok) {
        putSlot(answer);
      } else if (unseenCollision(answer, target, element.dataset.slot)) {
        reloadSaying(["Not saved:"].concat(answer.errors || []));
      } else {
        element.classList.add("is-refused");
        window.setTimeout(function () {
          element.classList.remove("is-refused");
        }, 1500);
      }
    });
  }

  function unschedule(element) {
    if (!element.dataset.talk) {
      var sure = window.confirm(
        "Delete the block “" + element.dataset.title + "”? It is not kept anywhere."
      );
      if (!sure) {
        return;
      }
    }
    send(element.dataset.unscheduleUrl, { version: element.dataset.version }).then(function (answer) {
      if (!answer.ok) {
        return;
      }
      if (element.parentNode) {
        element.parentNode.removeChild(element);
      }
      if (answer.card_html) {
        var card = fromHtml(answer.card_html);
        cardList.insertBefore(card, cardList.firstChild);
        bindCard(card);
        countCards();
      }
      if (selected === element) {
        closeEditor();
      }
      say("success", [answer.message]);
    });
  }

  // Dragging

  function bindCard(card) {
    paint(card);
    card.addEventListener("click", function () {
      select(card);
    });
    card.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        select(card);
      }
    });
    card.addEventListener("dragstart", function (event) {
      dragging = {
        type: "talk",
        card: card,
        duration: Number(card.dataset.duration),
        grabRows: 0,
        wholeVenue: false,
      };
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", card.dataset.title);
    });
    card.addEventListener("dragend", endDrag);
  }

  function bindSlot(element) {
    element.addEventListener("dragstart", function (event) {
      var box = element.getBoundingClientRect();
      var rows = (Number(element.dataset.end) - Number(element.dataset.start)) / STEP;
      var rowHeight = box.height / Math.max(rows, 1);
      dragging = {
        type: "slot",
        id: element.dataset.slot,
        element: element,
        duration: Number(element.dataset.end) - Number(element.dataset.start),
        grabRows: Math.max(0, Math.floor((event.clientY - box.top) / rowHeight)),
        wholeVenue: element.dataset.room === "",
      };
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", element.dataset.title);
      element.classList.add("is-dragging");
    });
    element.addEventListener("dragend", endDrag);
    element.addEventListener("click", function () {
      select(element);
    });
    element.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        select(element);
      }
    });
    var handle = element.querySelector(".agenda-slot__resize");
    if (handle) {
      bindResize(element, handle);
    }
  }

  function endDrag() {
    if (dragging && dragging.element) {
      dragging.element.classList.remove("is-dragging");
    }
    dragging = null;
    hideGhost();
    unplaced.classList.remove("is-drop-target");
    root.querySelectorAll(".agenda-day-tab.is-drop-target").forEach(function (tab) {
      tab.classList.remove("is-drop-target");
    });
  }

  function bindGrid(grid) {
    grid.addEventListener("dragover", function (event) {
      var target = proposal(grid, event);
      if (!target) {
        return;
      }
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      showGhost(grid, target);
    });
    grid.addEventListener("dragleave", function (event) {
      if (!grid.contains(event.relatedTarget)) {
        hideGhost();
      }
    });
    grid.addEventListener("drop", function (event) {
      var target = proposal(grid, event);
      event.preventDefault();
      var what = dragging;
      endDrag();
      if (!target || !what) {
        return;
      }
      if (what.type === "talk") {
        place(what.card, target);
      } else {
        move(what.element, target);
      }
    });
  }

  // Dropping a slot on the list of talks unschedules it.
  unplaced.addEventListener("dragover", function (event) {
    if (dragging && dragging.type === "slot") {
      event.preventDefault();
      unplaced.classList.add("is-drop-target");
    }
  });
  unplaced.addEventListener("dragleave", function (event) {
    if (!unplaced.contains(event.relatedTarget)) {
      unplaced.classList.remove("is-drop-target");
    }
  });
  unplaced.addEventListener("drop", function (event) {
    var what = dragging;
    endDrag();
    if (what && what.type === "slot") {
      event.preventDefault();
      unschedule(what.element);
    }
  });

  // Dropping a slot on another day's tab moves it there at the same time.
  root.querySelectorAll(".agenda-day-tab[data-day]").forEach(function (tab) {
    tab.addEventListener("dragover", function (event) {
      if (dragging && dragging.type === "slot") {
        event.preventDefault();
        tab.classList.add("is-drop-target");
      }
    });
    tab.addEventListener("dragleave", function () {
      tab.classList.remove("is-drop-target");
    });
    tab.addEventListener("drop", function (event) {
      var what = dragging;
      endDrag();
      if (!what || what.type !== "slot") {
        return;
      }
      event.preventDefault();
      var element = what.element;
      move(element, {
        day: tab.dataset.day,
        room: element.dataset.room,
        start: Number(element.dataset.start),
        end: Number(element.dataset.end),
      });
    });
  });

  // Resizing: drag a slot's bottom edge; the new end snaps to the 5-minute grid.
  function bindResize(element, handle) {
    handle.setAttribute("draggable", "false");
    handle.addEventListener("pointerdown", function (event) {
      event.preventDefault();
      event.stopPropagation();
      var grid = element.closest(".agenda-grid");
      var box = element.getBoundingClientRect();
      var start = Number(element.dataset.start);
      var rows = (Number(element.dataset.end) - start) / STEP;
      var rowHeight = box.height / Math.max(rows, 1);
      var end = Number(element.dataset.end);
      element.setAttribute("draggable", "false");
      handle.setPointerCapture(event.pointerId);
      function follow(moveEvent) {
        var length = Math.max(1, Math.round((moveEvent.clientY - box.top) / rowHeight)) * STEP;
        end = start + length;
        var first = Number(grid.dataset.first);
        element.style.gridRow = 2 + (start - first) / STEP + " / span " + length / STEP;
        element.querySelector(".agenda-slot__time").textContent = clock(start) + "–" + clock(end);
      }
      function finish() {
        handle.removeEventListener("pointermove", follow);
        handle.removeEventListener("pointerup", finish);
        handle.removeEventListener("pointercancel", finish);
        element.setAttribute("draggable", "true");
        if (end === Number(element.dataset.end)) {
          return;
        }
        var day = element.dataset.day;
        send(element.dataset.moveUrl, {
          room: element.dataset.room,
          start: localMoment(day, start),
          end: localMoment(day, end),
          version: element.dataset.version,
        }).then(function (answer) {
          if (answer.ok) {
            putSlot(answer);
          } else {
            placeSlot(grid, element);
          }
        });
      }
      handle.addEventListener("pointermove", follow);
      handle.addEventListener("pointerup", finish);
      handle.addEventListener("pointercancel", finish);
    });
  }

  // The editor: the same place, move or resize, typed instead of dragged (and the way to
  // work from the keyboard). It edits the selected slot, or places the selected talk.

  var removeButton = document.getElementById("agenda-editor-remove");

  function isCard(element) {
    return element.classList.contains("agenda-card");
  }

  function select(element) {
    if (selected) {
      selected.classList.remove("is-selected");
    }
    selected = element;
    element.classList.add("is-selected");
    editor.classList.remove("is-hidden");
    document.getElementById("agenda-editor-title").textContent = isCard(element)
      ? "Place a talk"
      : "Selected slot";
    document.getElementById("agenda-editor-name").textContent = element.dataset.title;
    if (isCard(element)) {
      var firstGrid = root.querySelector(".agenda-grid");
      var firstRoom = editorForm.elements.room.options[1];
      editorForm.elements.room.value = firstRoom ? firstRoom.value : "";
      editorForm.elements.day.value = firstGrid ? firstGrid.dataset.day : editorForm.elements.day.value;
      editorForm.elements.start.value = "09:00";
      editorForm.elements.end.value = clock(9 * 60 + Number(element.dataset.duration));
      removeButton.classList.add("is-hidden");
    } else {
      editorForm.elements.room.value = element.dataset.room;
      editorForm.elements.day.value = element.dataset.day;
      editorForm.elements.start.value = clock(Number(element.dataset.start));
      editorForm.elements.end.value = clock(Number(element.dataset.end));
      removeButton.classList.remove("is-hidden");
      removeButton.textContent = element.dataset.talk ? "Unschedule" : "Delete block";
    }
    editorForm.elements.room.focus();
  }

  function closeEditor() {
    if (selected) {
      selected.classList.remove("is-selected");
    }
    selected = null;
    editor.classList.add("is-hidden");
  }

  editorForm.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!selected) {
      return;
    }
    var start = parseClock(editorForm.elements.start.value);
    var end = parseClock(editorForm.elements.end.value);
    if (end <= start) {
      end += 1440; // ends after midnight
    }
    var target = {
      day: editorForm.elements.day.value,
      room: editorForm.elements.room.value,
      start: start,
      end: end,
    };
    if (isCard(selected)) {
      place(selected, target);
    } else {
      move(selected, target);
    }
  });

  removeButton.addEventListener("click", function () {
    if (selected && !isCard(selected)) {
      unschedule(selected);
    }
  });

  // Filtering the list of talks by track and format, without reloading.

  var filterForm = root.querySelector(".agenda-filter");
  function applyFilter() {
    var track = filterForm.elements.track.value;
    var format = filterForm.elements.format.value;
    cardList.querySelectorAll(".agenda-card").forEach(function (card) {
      var shown =
        (!track || card.dataset.track === track) && (!format || card.dataset.format === format);
      card.classList.toggle("is-hidden", !shown);
    });
  }
  filterForm.addEventListener("change", applyFilter);
  filterForm.addEventListener("submit", function (event) {
    event.preventDefault();
    applyFilter();
  });
  var filterButton = filterForm.querySelector("button");
  if (filterButton) {
    filterButton.classList.add("is-hidden");
  }

  root.querySelectorAll(".agenda-grid").forEach(function (grid) {
    layoutGrid(grid);
    bindGrid(grid);
  });
  root.querySelectorAll(".agenda-slot").forEach(bindSlot);
  cardList.querySelectorAll(".agenda-card").forEach(bindCard);
  applyFilter();
  sayKeptMessage();
  root.classList.add("is-ready");
})();
