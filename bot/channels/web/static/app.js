/* An Tâm web chat: sends what she types or presses to /api/message and shows the replies.
   No framework, no outside request. The session id lives in this tab's sessionStorage only;
   nothing else is stored. Without this script the page still works through form posts. */
(function () {
  "use strict";
  var doc = document;
  var body = doc.body;
  var KEY = "antam.session";
  var strings = JSON.parse(doc.getElementById("strings").textContent);
  var lang = doc.documentElement.lang || "vi";
  var log = doc.getElementById("log");
  var form = doc.getElementById("composer");
  var input = doc.getElementById("text");
  var locationRow = doc.getElementById("location-row");
  var exitUrl = body.getAttribute("data-exit");
  var seq = parseInt(body.getAttribute("data-after"), 10) || 0;
  var session = null;
  try {
    session = sessionStorage.getItem(KEY);
  } catch (e) { /* storage blocked: the session lasts as long as the page */ }
  var reloaded = !!session;  // the same tab again: a counsellor may be writing to her
  if (!session) {
    session = body.getAttribute("data-session");
    try { sessionStorage.setItem(KEY, session); } catch (e) { /* as above */ }
  }
  var fields = doc.querySelectorAll("input[name=session]");
  for (var i = 0; i < fields.length; i++) { fields[i].value = session; }
  var live = false;
  var socket = null;
  var polling = false;

  function words(key) { return strings[lang][key]; }

  // -- quick exit: replace this page (no Back) and forget the session ----------------------
  function quickExit(event) {
    if (event) { event.preventDefault(); }
    try {
      navigator.sendBeacon("/api/message", JSON.stringify({ session: session, text: "/wipe" }));
    } catch (e) { /* leaving matters more than telling the server */ }
    try { sessionStorage.clear(); } catch (e) { /* nothing stored */ }
    if (socket) { try { socket.close(); } catch (e) { /* closing anyway */ } }
    log.textContent = "";
    body.textContent = "";
    window.location.replace(exitUrl);
  }
  doc.getElementById("exit").addEventListener("click", quickExit);
  doc.addEventListener("keydown", function (event) {
    if (event.key === "Escape" || event.key === "Esc") { quickExit(event); }
  });

  // -- showing messages --------------------------------------------------------------------
  function bubble(who, name, text) {
    var item = doc.createElement("div");
    item.className = "msg " + who;
    var label = doc.createElement("span");
    label.className = "who";
    label.textContent = name;
    var p = doc.createElement("p");
    p.textContent = text;
    item.appendChild(label);
    item.appendChild(p);
    return item;
  }

  function show(reply) {
    var item = bubble("bot", words("bot"), reply.text);
    if (reply.buttons && reply.buttons.length) {
      var row = doc.createElement("div");
      row.className = "buttons";
      reply.buttons.forEach(function (b) {
        var button = doc.createElement("button");
        button.type = "button";
        button.setAttribute("data-action", b.action);
        button.textContent = b.label;
        row.appendChild(button);
      });
      item.appendChild(row);
    }
    log.appendChild(item);
    if (reply.request_location) { locationRow.hidden = false; }
    item.scrollIntoView({ block: "end" });
  }

  function clearPage() {
    log.textContent = "";
    locationRow.hidden = true;
    seq = 0;
  }

  function answer(result) {
    if (result.wipe) { clearPage(); }
    (result.replies || []).forEach(show);
    if (result.live && !live) { live = true; listen(); }
  }

  // -- sending -----------------------------------------------------------------------------
  function send(payload, mine) {
    payload.session = session;
    payload.lang = lang;
    if (mine) { log.appendChild(bubble("me", words("you"), mine)); }
    log.setAttribute("aria-busy", "true");
    return fetch("/api/message", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(payload),
      credentials: "omit",
      cache: "no-store"
    }).then(function (response) {
      return response.json();
    }).then(answer).catch(function () {
      show({ text: words("send_failed"), buttons: [] });
    }).then(function () {
      log.removeAttribute("aria-busy");
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { return; }
    input.value = "";
    send({ text: text }, text);
    input.focus();
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event("submit"));
    }
  });

  // The bot's buttons: rendered by the server (name=action) or by show() (data-action).
  log.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) { return; }
    var action = button.getAttribute("data-action") || button.value;
    if (!action) { return; }
    event.preventDefault();
    send({ action: action }, button.textContent);
  });

  doc.getElementById("delete").addEventListener("click", function (event) {
    event.preventDefault();
    clearPage();
    send({ text: "/wipe" });
  });

  // -- location: the browser asks her first; used once for the search ---------------------
  doc.getElementById("share-location").addEventListener("click", function () {
    if (!navigator.geolocation) { show({ text: words("location_failed"), buttons: [] }); return; }
    navigator.geolocation.getCurrentPosition(function (position) {
      locationRow.hidden = true;
      send({ location: [position.coords.latitude, position.coords.longitude] }, "📍");
    }, function () {
      show({ text: words("location_failed"), buttons: [] });
    }, { enableHighAccuracy: false, timeout: 15000, maximumAge: 60000 });
  });

  // -- language: the page's words switch here, the bot's with its own button ---------------
  function relabel() {
    doc.documentElement.lang = lang;
    var nodes = doc.querySelectorAll("[data-i18n]");
    for (var n = 0; n < nodes.length; n++) {
      nodes[n].textContent = words(nodes[n].getAttribute("data-i18n"));
    }
    var placeholder = doc.querySelectorAll("[data-i18n-placeholder]");
    for (var p = 0; p < placeholder.length; p++) { placeholder[p].placeholder = words("placeholder"); }
    log.setAttribute("aria-label", words("log"));
    var switcher = doc.getElementById("lang-switch");
    switcher.lang = words("switch_lang");
    switcher.href = "/?lang=" + words("switch_lang");
    doc.getElementById("exit").title = words("exit_hint");
    var langs = doc.querySelectorAll("input[name=lang]");
    for (var l = 0; l < langs.length; l++) { langs[l].value = lang; }
  }
  doc.getElementById("lang-switch").addEventListener("click", function (event) {
    event.preventDefault();
    lang = words("switch_lang");
    relabel();
    send({ action: "lang:" + lang });
  });

  // -- a counsellor's messages: WebSocket, or polling where a socket cannot open -----------
  function events(list) {
    list.forEach(function (event) {
      if (event.seq > seq) { seq = event.seq; (event.replies || []).forEach(show); }
    });
  }

  function poll() {
    if (polling) { return; }
    polling = true;
    (function next() {
      fetch("/api/events?session=" + encodeURIComponent(session) + "&after=" + seq,
            { credentials: "omit", cache: "no-store" })
        .then(function (response) { return response.json(); })
        .then(function (data) { events(data.events || []); setTimeout(next, 100); })
        .catch(function () { setTimeout(next, 5000); });
    })();
  }

  function listen() {
    if (!window.WebSocket) { poll(); return; }
    var opened = false;
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + window.location.host + "/ws?session=" +
                           encodeURIComponent(session) + "&after=" + seq);
    socket.onopen = function () { opened = true; };
    socket.onmessage = function (message) {
      try { events([JSON.parse(message.data)]); } catch (e) { /* ignore a bad frame */ }
    };
    socket.onclose = function () {
      socket = null;
      if (!opened) { poll(); } else { setTimeout(listen, 2000); }
    };
  }
  if (reloaded) { live = true; listen(); }
}());
