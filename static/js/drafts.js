// Forms that survive a weak connection: <form method="post" data-draft="unique key">.
// - While typing, the fields (not files, passwords or the CSRF token) are kept in
//   localStorage under the key, prefixed with the signed-in user's id.
// - On submit the form is sent in the background (fetch; XMLHttpRequest when files are
//   attached, for the upload's progress). If the network fails (or a gateway answers
//   502/503/504) a banner says so, the fields stay filled, and 重新发送 sends it again
//   with the same one-time token, so the server saves it once (inspection/once.py).
// - When the server answers, its page replaces this one: after a redirect (saved) the
//   draft is cleared; a page with form errors keeps it.
// - Once sent, no draft stays (docs/DOMAIN.md, "Confidentiality"): every page lists the
//   one-time tokens of the forms the session saved (<body data-drafts-sent>), and the
//   draft holding one goes, even when the answer to its sending was lost and the form is
//   never sent again; nothing is written to a form's draft once its answer has come.
// - On load, a draft left for the key is put back with a notice and a 清除 button.
// Drafts hold names a shared office PC must not keep (interviewees, reporters): every
// page (this script is on all of them, base.html) drops the drafts last typed into more
// than data-draft-ttl-hours ago and those of any other user than <body data-draft-owner>;
// a page for a visitor not signed in (<body data-drafts-forget>: the sign-in page, where an
// expired session lands) and signing out drop them all.
// Without JavaScript (or localStorage) the form posts normally. Texts may be given as
// data-* attributes of this script's tag (templates/includes/drafts.html does).
(function () {
  "use strict";
  var T = {
    offline: "网络中断，您填写的内容已保存在本机。",
    resend: "重新发送",
    restored: "已恢复未发送的内容",
    clear: "清除",
    sending: "正在发送…",
    uploading: "正在上传 {p}%",
    filesAgain: "附件需要重新选择。"
  };
  var own = document.currentScript;
  if (own) Object.keys(T).forEach(function (k) { if (own.dataset[k]) T[k] = own.dataset[k]; });
  var store = null;
  try { store = window.localStorage; store.setItem("draft:?", "1"); store.removeItem("draft:?"); }
  catch (e) { store = null; }
  if (!store) return;
  var PREFIX = "draft:";
  var HOUR = 3600 * 1000;
  var DEFAULT_TTL_HOURS = 12;

  function draftKeys() {
    var keys = [];
    for (var i = 0; i < store.length; i++) {
      var key = store.key(i);
      if (key && key.indexOf(PREFIX) === 0) keys.push(key);
    }
    return keys;
  }
  function forgetAll() { draftKeys().forEach(function (key) { store.removeItem(key); }); }
  function owner() { return document.body.getAttribute("data-draft-owner") || ""; }
  function sweep() {  // what this page says the browser may keep
    var body = document.body;
    if (body.hasAttribute("data-drafts-forget")) return forgetAll();
    var hours = parseFloat(body.getAttribute("data-draft-ttl-hours"));
    var ttl = (isNaN(hours) ? DEFAULT_TTL_HOURS : hours) * HOUR;
    var mine = owner() ? PREFIX + owner() + ":" : null;
    var sent = (body.getAttribute("data-drafts-sent") || "").split(/\s+/).filter(Boolean);
    draftKeys().forEach(function (key) {
      var draft = null;
      try { draft = JSON.parse(store.getItem(key)); } catch (e) { draft = null; }
      var stale = !draft || typeof draft.t !== "number" || Date.now() - draft.t > ttl;
      var saved = !!(draft && draft.v && sent.indexOf(draft.v.submission) >= 0);
      if (stale || saved || (mine && key.indexOf(mine) !== 0)) store.removeItem(key);
    });
  }
  sweep();
  // Signing out forgets every draft kept in this browser.
  document.addEventListener("submit", function (event) {
    if (event.target.matches && event.target.matches("form[data-sign-out]")) forgetAll();
  });
  if (!window.FormData || !window.fetch || !window.DOMParser) return;
  var GATEWAY = [0, 502, 503, 504];
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };

  function keyOf(form) { return PREFIX + owner() + ":" + form.getAttribute("data-draft"); }
  function kept(el) {
    return el.name && !el.disabled && el.name !== "csrfmiddlewaretoken" &&
      !/^(file|password|submit|button|reset|image)$/.test(el.type);
  }
  function collect(form) {
    var data = {};
    each(form.elements, function (el) {
      if (!kept(el)) return;
      if (el.type === "checkbox" || el.type === "radio" || el.multiple) {
        data[el.name] = data[el.name] || [];
        if (el.multiple) each(el.selectedOptions, function (o) { data[el.name].push(o.value); });
        else if (el.checked) data[el.name].push(el.value);
      } else data[el.name] = el.value;
    });
    return data;
  }
  function apply(form, data) {  // true if anything differed from the page as served
    var changed = false;
    each(form.elements, function (el) {
      if (!kept(el) || !(el.name in data)) return;
      var want = data[el.name];
      // A page's one-time token is never replaced by an empty one (a stale page's draft).
      if (el.type === "hidden" && !want) return;
      if (el.multiple) each(el.options, function (o) {
        var on = want.indexOf(o.value) >= 0;
        if (o.selected !== on) { o.selected = on; changed = true; }
      });
      else if (el.type === "checkbox" || el.type === "radio") {
        var on = want.indexOf(el.value) >= 0;
        if (el.checked !== on) { el.checked = on; changed = true; }
      } else if (el.value !== want) { el.value = want; changed = true; }
    });
    return changed;
  }
  function load(form) {
    try { return JSON.parse(store.getItem(keyOf(form))); } catch (e) { return null; }
  }
  function save(form, pending) {
    // A form whose answer has come (or that an answer replaced) has nothing left to keep.
    if (form.__answered || !form.isConnected) return;
    var old = load(form);
    if (pending === undefined) pending = !!(old && old.pending);
    try {
      store.setItem(keyOf(form), JSON.stringify({ v: collect(form), t: Date.now(), pending: pending }));
    } catch (e) { /* storage full: the form still posts */ }
  }
  function drop(form) { store.removeItem(keyOf(form)); }

  function bar(form, kind, text, buttons) {  // the one banner of a form, replaced each time
    var old = form.querySelector(".draft-bar");
    if (old) old.remove();
    var box = document.createElement("div");
    box.className = "draft-bar banner " + kind;
    box.setAttribute("role", kind === "warning" ? "alert" : "status");
    box.tabIndex = -1;
    var p = document.createElement("span");
    p.textContent = text;
    box.appendChild(p);
    (buttons || []).forEach(function (b) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "btn small" + (b.primary ? " primary" : "");
      button.textContent = b.label;
      button.addEventListener("click", b.run);
      box.appendChild(document.createTextNode(" "));
      box.appendChild(button);
    });
    form.insertBefore(box, form.firstChild);
    return box;
  }
  function busy(form, on) {
    form.__sending = on;
    each(form.querySelectorAll("button[type=submit], input[type=submit]"), function (b) {
      b.disabled = on;
    });
  }
  function hasFiles(form) {
    var found = false;
    each(form.querySelectorAll("input[type=file]"), function (i) { found = found || i.files.length > 0; });
    return found;
  }

  function viaFetch(url, body) {
    return fetch(url, { method: "POST", body: body, credentials: "same-origin" }).then(function (r) {
      return r.text().then(function (text) {
        return { status: r.status, url: r.url, redirected: r.redirected, text: text };
      });
    });
  }
  function viaXhr(url, body, form, box) {
    return new Promise(function (resolve, reject) {
      var xhr = new XMLHttpRequest();
      var meter = document.createElement("progress");
      meter.max = 100;
      meter.value = 0;
      box.appendChild(meter);
      xhr.upload.onprogress = function (e) {
        if (!e.lengthComputable) return;
        var p = Math.round(e.loaded * 100 / e.total);
        meter.value = p;
        box.firstChild.textContent = T.uploading.replace("{p}", p);
      };
      xhr.onload = function () {
        var redirected = !!xhr.responseURL && xhr.responseURL !== new URL(url, location.href).href;
        resolve({ status: xhr.status, url: xhr.responseURL, redirected: redirected, text: xhr.responseText });
      };
      xhr.onerror = xhr.onabort = xhr.ontimeout = reject;
      xhr.open("POST", url);
      xhr.send(body);
    });
  }

  function offline(form) {
    busy(form, false);
    save(form, true);
    var box = bar(form, "warning", T.offline, [{ label: T.resend, primary: true, run: function () { send(form); } }]);
    box.focus();
  }
  function show(html, url) {  // the server's answer becomes the page
    var doc = new DOMParser().parseFromString(html, "text/html");
    if (url && url !== location.href) {
      history.pushState(null, "", url);
      window.addEventListener("popstate", function () { location.reload(); });
    }
    each(doc.querySelectorAll("link[rel=stylesheet]"), function (link) {
      var href = link.getAttribute("href");
      if (document.querySelector('link[rel=stylesheet][href="' + href + '"]')) return;
      var copy = document.createElement("link");
      copy.rel = "stylesheet";
      copy.href = href;
      document.head.appendChild(copy);
    });
    document.title = doc.title;
    document.body.className = doc.body.className;
    ["data-draft-owner", "data-drafts-forget", "data-draft-ttl-hours", "data-drafts-sent"].forEach(function (name) {
      if (doc.body.hasAttribute(name)) document.body.setAttribute(name, doc.body.getAttribute(name));
      else document.body.removeAttribute(name);
    });
    document.body.innerHTML = doc.body.innerHTML;
    window.scrollTo(0, 0);
    sweep();
    start();
    announce();
  }
  // The answer replaced the page without a page load, so nothing would be read out and
  // focus would stay on <body>: focus what the answer says (the form's errors, else the
  // first field in error, else the saved-message) and make it an alert.
  function announce() {
    var target = document.querySelector(".form-errors") ||
      document.querySelector(".has-error input, .has-error select, .has-error textarea") ||
      document.querySelector(".messages");
    if (!target) return;
    if (/^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) {  // read as its label, then its error
      var error = target.closest(".field") && target.closest(".field").querySelector(".error");
      if (error) error.setAttribute("role", "alert");
    } else {
      target.setAttribute("role", "alert");
      if (!target.hasAttribute("tabindex")) target.tabIndex = -1;
    }
    target.focus();
  }
  function settle(form, answer) {
    clearTimeout(timer);  // typing while it was sent: the answer decides what stays
    if (GATEWAY.indexOf(answer.status) >= 0) return offline(form);
    // The sign-in page (the session ended) forgets every draft as it is shown.
    var signIn = /\/accounts\/login\//.test(answer.url || "");
    if (answer.redirected && answer.status < 400 && !signIn) drop(form);
    else if (!signIn) save(form, false);  // errors to correct, read by the server
    form.__answered = true;
    show(answer.text, answer.url);
  }
  function tooLarge(form) {  // the size limit, checked before a byte is sent
    var message = "";
    each(form.querySelectorAll("input[type=file][data-max-bytes]"), function (input) {
      var max = +input.getAttribute("data-max-bytes");
      each(input.files, function (file) {
        if (!message && file.size > max) {
          message = (input.getAttribute("data-too-large") || "{name}").replace("{name}", file.name);
        }
      });
    });
    return message;
  }
  function send(form, submitter) {
    if (form.__sending) return;
    // A save still waiting on its typing pause must not outlive the sending: after a
    // success it would bring the sent text back as a draft on the next form.
    clearTimeout(timer);
    var problem = tooLarge(form);
    if (problem) { bar(form, "warning", problem).focus(); return; }
    save(form, true);
    var body = new FormData(form);
    if (submitter && submitter.name) body.append(submitter.name, submitter.value);
    var url = new URL(form.getAttribute("action") || "", location.href).href;
    busy(form, true);
    var box = bar(form, "info", T.sending);
    var request = hasFiles(form) ? viaXhr(url, body, form, box) : viaFetch(url, body);
    request.then(function (answer) { settle(form, answer); }, function () { offline(form); });
  }

  function listFiles(input) {  // what is attached, under the picker
    var form = input.form;
    var list = form && form.querySelector('[data-picked-for="' + input.name + '"]');
    if (!list) return;
    list.textContent = "";
    each(form.querySelectorAll('input[type=file][name="' + input.name + '"]'), function (i) {
      each(i.files, function (file) {
        var item = document.createElement("li");
        item.textContent = file.name + " (" + Math.ceil(file.size / 1024) + " KB)";
        list.appendChild(item);
      });
    });
  }

  var timer = null;
  function typed(event) {
    var form = event.target.form;
    if (!form || !form.hasAttribute("data-draft")) return;
    if (event.target.type === "file") {
      listFiles(event.target);
      var problem = tooLarge(form);
      if (problem) bar(form, "warning", problem);
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(function () { save(form); }, 250);
  }
  document.addEventListener("input", typed);
  document.addEventListener("change", typed);
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !form.hasAttribute || !form.hasAttribute("data-draft")) return;
    event.preventDefault();
    send(form, event.submitter);
  });

  function start() {
    each(document.querySelectorAll("form[data-draft]"), function (form) {
      var draft = load(form);
      if (!draft || !draft.v || !apply(form, draft.v)) return;
      var buttons = [{ label: T.clear, run: function () {
        drop(form);
        form.reset();
        var box = form.querySelector(".draft-bar");
        if (box) box.remove();
      } }];
      if (draft.pending) buttons.unshift({ label: T.resend, primary: true, run: function () { send(form); } });
      var text = T.restored + (form.querySelector("input[type=file]") ? "；" + T.filesAgain : "");
      bar(form, "info", text, buttons);
    });
  }
  start();
})();
