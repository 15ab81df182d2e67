namespace PhotoCuration.Engine.Review;

/// <summary>
/// The review page's script and the styles it needs: the grid's views and filters, keyboard culling
/// (arrows, Enter/Space loupe, P pick, X reject, U undo, C compare, 1–5 stars, 0 clears, ? keys), the
/// loupe (fit to the window, click or Z for 100 % at the point clicked, drag to pan) and the compare view
/// (2–4 frames of a moment, zoom and pan linked). A decision is one request, answered with what changed
/// (<see cref="PagePatch"/>): the page swaps those tiles, cards, frames and sections in place (no reload,
/// no fetch of the page), keeping the view, the focus and an open loupe.
/// Inline (the page's CSP allows no other script); every string from a record is set as text, never as
/// HTML. A page opened from disk has no token: it views, zooms and compares, and says decisions need
/// the review server.
/// </summary>
internal static class CullingClient
{
    public const string Css = """
#cull .toolbar{display:flex;flex-wrap:wrap;gap:6px 12px;align-items:center;margin:.3rem 0}
#cull .toolbar button.on{background:var(--accent);color:#fff;border-color:var(--accent)}
#cull label{font-size:.85rem}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(168px,1fr));gap:8px}
.tile{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:4px;font-size:.72rem;outline:none;cursor:pointer;position:relative}
.tile .timg{aspect-ratio:3/2;display:flex;align-items:center;justify-content:center;background:#eee;border-radius:4px;overflow:hidden}
.tile img{max-width:100%;max-height:100%;display:block}
.tile figcaption{display:flex;flex-wrap:wrap;gap:2px 6px;align-items:center;margin-top:3px}
.tile .name{flex:1 1 100%;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.tile .seq{color:var(--accent);font-weight:700}
.tile .stars{color:#c90}.tile .stars.user{color:#e65100}
.tile .flag{color:#c60;font-weight:700}
.tile .cue{flex:1 1 100%;height:4px;background:#eee;border-radius:2px;overflow:hidden}
.tile .cue span{display:block;height:100%;background:var(--ok)}
.tile.state-pick{border-color:var(--ok);box-shadow:0 0 0 1px var(--ok)}
.tile.state-excluded img{opacity:.35}
.tile.state-dropped img{filter:grayscale(.7)}
.tile.locked::after{content:"locked";position:absolute;top:6px;left:6px;background:var(--accent);color:#fff;font-size:.65rem;padding:0 4px;border-radius:3px}
.tile.focus{outline:3px solid #1565c0;outline-offset:1px}
.overlay{position:fixed;inset:0;background:rgba(12,12,12,.94);color:#eee;z-index:10;display:flex}
.overlay .stage{flex:1;position:relative;overflow:hidden;display:grid;gap:4px}
.overlay .cell{position:relative;overflow:hidden;min-width:0;min-height:0}
.overlay .pic{position:absolute;transform-origin:0 0;cursor:zoom-in;user-select:none}
.overlay .pic.zoomed{cursor:grab}
.overlay .pic img{width:100%;height:100%;display:block;-webkit-user-drag:none}
.overlay .face{position:absolute;border:2px solid #4fc3f7;border-radius:3px;pointer-events:none}
.overlay .face.closed{border-color:#ff7043}
.overlay .label{position:absolute;left:6px;bottom:6px;right:6px;background:rgba(0,0,0,.6);padding:3px 6px;border-radius:4px;font-size:.75rem}
.overlay .label .hero{color:#a5d6a7;font-weight:700}
.overlay aside{width:320px;max-width:40vw;overflow:auto;padding:12px 14px;background:#1c1c1c;font-size:.82rem}
.overlay aside h3{color:#fff}
.overlay aside ul{padding-left:1.1rem;margin:.3rem 0}
.overlay aside .k{color:#aaa}
.overlay .close{position:absolute;top:8px;right:8px;z-index:2}
#keys ul{list-style:none;padding:0}
#keys kbd{display:inline-block;min-width:1.6em;text-align:center;border:1px solid #888;border-radius:3px;padding:0 4px;margin-right:8px}
#keys .box{margin:auto;background:#222;padding:16px 24px;border-radius:8px;max-width:480px}
@media (max-width:700px){
 .grid{grid-template-columns:repeat(auto-fill,minmax(110px,1fr))}
 .overlay{flex-direction:column}
 .overlay aside{width:auto;max-width:none;max-height:38vh}
}
""";

    public const string Script = """
(function () {
  'use strict';
  var body = document.body, status = document.getElementById('status');
  var token = body.getAttribute('data-token') || '';
  var data = { photos: {}, moments: [] }, thumbs = {}, view = 'picks', focusId = null, overlay = null, busy = false;
  function $(s, r) { return (r || document).querySelector(s); }
  function $$(s, r) { return Array.prototype.slice.call((r || document).querySelectorAll(s)); }
  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text != null) e.textContent = text; return e; }
  function say(t) { status.textContent = t; }
  function sel(id) { return '[data-photo="' + (window.CSS && CSS.escape ? CSS.escape(id) : id) + '"]'; }
  // The header's face-box switch (FaceOverlay): page-only state, a class on the body hides every box.
  var faceSwitch = document.getElementById('show-faces');
  if (faceSwitch) faceSwitch.addEventListener('change', function () { body.classList.toggle('nofaces', !faceSwitch.checked); });

  function load() {
    var d = document.getElementById('photo-data');
    data = d ? JSON.parse(d.textContent) : { photos: {}, moments: [] };
    lend();
    show();
  }

  // A page from disk embeds each thumbnail once: tiles and new pieces borrow it (a served page names the server's).
  function lend() {
    $$('[data-photo] img[src]').forEach(function (img) {
      var id = img.closest('[data-photo]').getAttribute('data-photo');
      if (!thumbs[id]) thumbs[id] = img.getAttribute('src');
    });
    $$('img[data-thumb]:not([src])').forEach(function (img) { var s = thumbs[img.getAttribute('data-thumb')]; if (s) img.src = s; });
  }

  function show() {
    $$('#cull .view').forEach(function (b) { var on = b.getAttribute('data-view') === view; b.classList.toggle('on', on); b.setAttribute('aria-pressed', on ? 'true' : 'false'); });
    applyView();
  }

  function tiles() {
    var list = $$('#grid .tile').filter(function (t) { return !t.hidden; });
    if (view === 'picks') list.sort(function (a, b) { return (+a.dataset.seq) - (+b.dataset.seq); });
    return list;
  }

  function applyView() {
    var fm = $('#f-moment'), fr = $('#f-role'), ff = $('#f-flag');
    var m = fm ? fm.value : '', r = fr ? fr.value : '', f = ff ? ff.checked : false;
    $$('#grid .tile').forEach(function (t) {
      var st = t.dataset.state, show = view === 'picks' ? st === 'pick' : view === 'dropped' ? st === 'dropped'
        : view === 'moments' ? t.dataset.mrank === '1' : true;
      if (m && t.dataset.moment !== m) show = false;
      if (r && t.dataset.role !== r) show = false;
      if (f && !t.dataset.flag) show = false;
      t.hidden = !show;
      t.style.order = view === 'picks' ? t.dataset.seq : '';
    });
    var list = tiles(), keep = focusId && list.filter(function (t) { return t.dataset.photo === focusId; })[0];
    focus(keep || list[0] || null, false);
  }

  function focus(tile, scroll) {
    $$('#grid .tile.focus').forEach(function (t) { t.classList.remove('focus'); });
    if (!tile) { focusId = null; return; }
    tile.classList.add('focus');
    focusId = tile.dataset.photo;
    if (scroll !== false) { tile.focus({ preventScroll: true }); tile.scrollIntoView({ block: 'nearest' }); }
  }

  function move(dx, dy) {
    var list = tiles(); if (!list.length) return;
    var i = Math.max(0, list.map(function (t) { return t.dataset.photo; }).indexOf(focusId));
    var cols = 1; while (cols < list.length && list[cols].offsetTop === list[0].offsetTop) cols++;
    var j = Math.min(list.length - 1, Math.max(0, i + dx + dy * cols));
    focus(list[j]);
    if (overlay && overlay.kind === 'loupe') openLoupe(focusId);
  }

  function decide(action, extra) {
    if (!token) { say('Decisions need the review server: Start-CurationReview opens this page live.'); return; }
    if (busy) return;
    var payload = extra || {}; payload.action = action;
    if (action !== 'undo' && action !== 'emphasis' && !payload.photo_id) { if (!focusId) return; payload.photo_id = focusId; }
    busy = true; body.classList.add('busy'); say('Re-running selection and export…');
    fetch('/api/action', { method: 'POST', credentials: 'same-origin', cache: 'no-store',
      headers: { 'Content-Type': 'application/json', 'X-Review-Token': token }, body: JSON.stringify(payload) })
      .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, j: j }; }); })
      .then(function (x) {
        if (!x.ok) { done('Refused: ' + (x.j.error || 'unknown error')); return; }
        if (x.j.patch) patch(x.j.patch);
        body.dataset.generation = String(x.j.generation);
        done(x.j.message || 'done');
      })
      .catch(function (err) { done('Failed: ' + err); });
  }

  function done(message) { busy = false; body.classList.remove('busy'); say(message); }

  function fragment(html) { var t = document.createElement('template'); t.innerHTML = html; return t.content.firstElementChild; }
  function each(map, fn) { Object.keys(map || {}).forEach(function (k) { fn(k, map[k]); }); }
  function swapAll(selector, html) { $$(selector).forEach(function (old) { var n = fragment(html); if (n) old.replaceWith(n); }); }

  // Applies what a decision changed: tiles, script entries, frames, the picks' cards in sequence order, and
  // the sections that sum up the selection. Untouched elements (and their loaded images) stay.
  function patch(p) {
    each(p.photos, function (id, entry) { data.photos[id] = entry; });
    each(p.tiles, function (id, html) { swapAll('#grid .tile' + sel(id), html); });
    each(p.frames, function (id, html) { swapAll('#moments .frame' + sel(id) + ', #selected .siblings .frame' + sel(id), html); });
    each(p.dropped, function (id, html) { swapAll('#dropped .frame' + sel(id), html); });
    var box = $('#selected .cards');
    if (box) {
      var have = {};
      $$('article.card', box).forEach(function (c) { have[c.getAttribute('data-photo')] = c; c.remove(); });
      (p.order || []).forEach(function (id) { var c = p.cards && p.cards[id] ? fragment(p.cards[id]) : have[id]; if (c) box.appendChild(c); });
    }
    each(p.sections, function (id, html) { var old = document.getElementById(id), n = fragment(html); if (old && n) old.replaceWith(n); });
    lend();
    applyView();
    if (overlay) { var kind = overlay.kind, oid = overlay.id; if (kind === 'loupe') openLoupe(oid); else if (kind === 'compare') openCompare(oid); }
  }

  // ---- overlays: the loupe and the compare view share one zoom model per picture box ----
  function closeOverlay() { if (overlay) { overlay.node.remove(); overlay = null; } }

  function source(id) { return token ? '/api/image?id=' + encodeURIComponent(id) + '&t=' + encodeURIComponent(token) : (thumbs[id] || ''); }

  function picture(cell, id, zoom) {
    var p = data.photos[id] || {}, box = el('div', 'pic'), img = el('img');
    img.alt = p.file || ''; img.draggable = false;
    box.appendChild(img);
    (p.faces || []).forEach(function (f) {
      var b = el('div', 'face' + (f.eyes === 'closed' ? ' closed' : ''));
      b.style.left = (f.x * 100) + '%'; b.style.top = (f.y * 100) + '%'; b.style.width = (f.w * 100) + '%'; b.style.height = (f.h * 100) + '%';
      b.title = 'face: eyes ' + f.eyes + ', sharpness ' + f.sharpness;
      box.appendChild(b);
    });
    cell.appendChild(box);
    var fit = function () {
      if (!img.naturalWidth) return;
      var s = Math.min(cell.clientWidth / img.naturalWidth, cell.clientHeight / img.naturalHeight);
      box.style.width = (img.naturalWidth * s) + 'px'; box.style.height = (img.naturalHeight * s) + 'px';
      box.style.left = ((cell.clientWidth - img.naturalWidth * s) / 2) + 'px'; box.style.top = ((cell.clientHeight - img.naturalHeight * s) / 2) + 'px';
      box.dataset.full = String(1 / s);
      zoom.apply();
    };
    img.addEventListener('load', fit);
    img.src = source(id);
    zoom.boxes.push(box);
    box.addEventListener('click', function (e) {
      if (zoom.dragged) { zoom.dragged = false; return; }
      var r = box.getBoundingClientRect();
      zoom.toggle((e.clientX - r.left) / r.width, (e.clientY - r.top) / r.height, +box.dataset.full || 1);
    });
    box.addEventListener('mousedown', function (e) {
      if (zoom.s === 1) return;
      e.preventDefault();
      var x = e.clientX, y = e.clientY, w = box.offsetWidth, h = box.offsetHeight;
      var moveAt = function (m) { zoom.pan((m.clientX - x) / w, (m.clientY - y) / h); x = m.clientX; y = m.clientY; zoom.dragged = true; };
      var up = function () { document.removeEventListener('mousemove', moveAt); document.removeEventListener('mouseup', up); };
      document.addEventListener('mousemove', moveAt); document.addEventListener('mouseup', up);
    });
    return img;
  }

  function newZoom() {
    // s: scale over the fitted size (1 = fit); ux, uy: translation as fractions of each box's size, so
    // boxes of different sizes stay on the same spot of their photos (linked compare).
    var z = { s: 1, ux: 0, uy: 0, boxes: [], dragged: false };
    z.apply = function () {
      z.boxes.forEach(function (b) {
        b.style.transform = 'translate(' + (z.ux * b.offsetWidth) + 'px,' + (z.uy * b.offsetHeight) + 'px) scale(' + z.s + ')';
        b.classList.toggle('zoomed', z.s !== 1);
      });
      if (overlay) overlay.node.dataset.zoom = String(Math.round(z.s * 1000) / 1000);
    };
    z.toggle = function (fx, fy, full) {
      if (z.s !== 1) { z.s = 1; z.ux = 0; z.uy = 0; }
      else { z.s = full; z.ux = fx * (1 - full); z.uy = fy * (1 - full); }
      z.apply();
    };
    z.pan = function (dx, dy) { z.ux += dx; z.uy += dy; z.apply(); };
    return z;
  }

  function shell(kind, id, label) {
    closeOverlay();
    var node = el('div', 'overlay'); node.id = kind; node.setAttribute('role', 'dialog'); node.setAttribute('aria-modal', 'true'); node.setAttribute('aria-label', label);
    var close = el('button', 'close', 'Close (Esc)'); close.type = 'button'; close.addEventListener('click', closeOverlay);
    node.appendChild(close);
    document.body.appendChild(node);
    overlay = { kind: kind, id: id, node: node, zoom: newZoom() };
    return node;
  }

  function details(aside, id) {
    var p = data.photos[id] || {};
    aside.appendChild(el('h3', null, p.file || id));
    var line = [p.state === 'pick' ? 'picked #' + p.sequence + ', rank ' + p.rank : p.state, p.locked ? 'locked' : '', p.role || '',
      (p.user_stars || p.stars) ? '★'.repeat(p.user_stars || p.stars) + (p.user_stars ? ' (yours)' : '') : ''].filter(Boolean).join(' · ');
    aside.appendChild(el('p', null, line));
    if (p.moment) aside.appendChild(el('p', 'k', 'moment ' + p.moment + ': frame ' + p.moment_rank + ' of ' + p.moment_size + (p.why ? ' — ' + p.why : '')));
    if (p.flag) aside.appendChild(el('p', null, '⚑ ' + p.flag));
    var ex = p.exif || {};
    aside.appendChild(el('p', 'k', [ex.time, ex.camera, ex.lens, ex.exposure, ex.size].filter(Boolean).join(' · ')));
    if (p.scores) {
      var ul = el('ul');
      Object.keys(p.scores).forEach(function (k) { ul.appendChild(el('li', null, k + ' ' + p.scores[k].toFixed(2))); });
      aside.appendChild(ul);
    }
    if (p.face_notes && p.face_notes.length) p.face_notes.forEach(function (n) { aside.appendChild(el('p', 'facenote', n)); });
    else if (p.faces && p.faces.length) aside.appendChild(el('p', null, p.faces.length + ' face' + (p.faces.length === 1 ? '' : 's') + ': eyes ' + p.faces.map(function (f) { return f.eyes; }).join(', ')));
    if (p.reasons && p.reasons.length) {
      var rl = el('ul');
      p.reasons.forEach(function (r) { rl.appendChild(el('li', null, r)); });
      aside.appendChild(rl);
    }
    aside.appendChild(el('p', 'k', 'Click or Z: 100 % · drag: pan · ←/→ next photo · P pick · X reject · 1–5 stars · C compare · Esc close'));
  }

  function openLoupe(id) {
    if (!id || !data.photos[id]) return;
    var node = shell('loupe', id, 'Loupe');
    var stage = el('div', 'stage'), cell = el('div', 'cell'); stage.appendChild(cell); node.appendChild(stage);
    var aside = el('aside'); node.appendChild(aside);
    picture(cell, id, overlay.zoom);
    details(aside, id);
    node.dataset.photo = id;
  }

  function openCompare(id) {
    var p = data.photos[id];
    if (!p || !p.moment) { say('Compare needs a photo of a moment.'); return; }
    var moment = data.moments.filter(function (m) { return m.id === p.moment; })[0];
    if (!moment || moment.members.length < 2) { say('Moment ' + p.moment + ' has one frame: nothing to compare.'); return; }
    var ids = moment.members.slice(0, 4);
    if (ids.indexOf(id) < 0) ids[ids.length - 1] = id;
    var node = shell('compare', id, 'Compare moment ' + p.moment);
    var stage = el('div', 'stage'); stage.style.gridTemplateColumns = 'repeat(' + (ids.length > 2 && window.innerWidth < 700 ? 2 : ids.length) + ',1fr)';
    node.appendChild(stage);
    ids.forEach(function (pid) {
      var q = data.photos[pid] || {}, cell = el('div', 'cell'); cell.dataset.photo = pid;
      stage.appendChild(cell);
      picture(cell, pid, overlay.zoom);
      var label = el('div', 'label');
      if (q.moment_rank === 1) label.appendChild(el('span', 'hero', 'hero · '));
      label.appendChild(el('span', null, (q.file || pid) + (q.moment_rank === 1 ? '' : ' — ' + (q.why || 'ranked ' + q.moment_rank))));
      cell.appendChild(label);
    });
    node.dataset.moment = p.moment;
  }

  function keysHelp() {
    var node = shell('keys', null, 'Keyboard shortcuts');
    var box = el('div', 'box'); box.appendChild(el('h3', null, 'Keys'));
    var ul = el('ul');
    [['← → ↑ ↓', 'move'], ['Enter / Space', 'open the loupe'], ['Z or click', '100 % at that point'], ['P', 'pick (lock in)'], ['X', 'reject (exclude)'],
     ['U', 'undo the last decision'], ['C', 'compare the moment'], ['1–5', 'stars (to XMP)'], ['0', 'clear your stars'], ['?', 'this list'], ['Esc', 'close']]
      .forEach(function (k) { var li = el('li'); li.appendChild(el('kbd', null, k[0])); li.appendChild(document.createTextNode(k[1])); ul.appendChild(li); });
    box.appendChild(ul); node.appendChild(box);
  }

  document.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target && e.target.tagName;
    if (t === 'INPUT' || t === 'SELECT' || t === 'TEXTAREA') return;
    var k = e.key, handled = true;
    if (k === 'ArrowRight') move(1, 0);
    else if (k === 'ArrowLeft') move(-1, 0);
    else if (k === 'ArrowDown') { if (overlay && overlay.kind === 'loupe') move(1, 0); else move(0, 1); }
    else if (k === 'ArrowUp') { if (overlay && overlay.kind === 'loupe') move(-1, 0); else move(0, -1); }
    else if (k === 'Enter' || k === ' ') { if (!overlay) openLoupe(focusId); else if (overlay.kind !== 'loupe') openLoupe(overlay.id || focusId); else closeOverlay(); }
    else if (k === 'Escape') closeOverlay();
    else if (k === 'z' || k === 'Z') { if (overlay && overlay.zoom.boxes.length) { var b = overlay.zoom.boxes[0]; overlay.zoom.toggle(0.5, 0.5, +b.dataset.full || 1); } }
    else if (k === 'p' || k === 'P') decide('lock', { photo_id: (overlay && overlay.id) || focusId });
    else if (k === 'x' || k === 'X') decide('exclude', { photo_id: (overlay && overlay.id) || focusId });
    else if (k === 'u' || k === 'U') decide('undo');
    else if (k === 'c' || k === 'C') openCompare((overlay && overlay.id) || focusId);
    else if (k >= '0' && k <= '5' && k.length === 1) decide('rate', { photo_id: (overlay && overlay.id) || focusId, stars: +k });
    else if (k === '?') keysHelp();
    else handled = false;
    if (handled) e.preventDefault();
  });

  document.addEventListener('click', function (e) {
    var target = e.target;
    var b = target.closest ? target.closest('button[data-action]') : null;
    if (b) {
      e.preventDefault();
      var payload = {};
      if (b.hasAttribute('data-photo')) payload.photo_id = b.getAttribute('data-photo');
      if (b.hasAttribute('data-axis')) { payload.axis = b.getAttribute('data-axis'); payload.delta = parseFloat(b.getAttribute('data-delta')); }
      decide(b.getAttribute('data-action'), payload);
      return;
    }
    var v = target.closest ? target.closest('#cull .view') : null;
    if (v) { view = v.getAttribute('data-view'); show(); return; }
    if (target.id === 'keys-button') { keysHelp(); return; }
    var tile = target.closest ? target.closest('#grid .tile') : null;
    if (tile) focus(tile);
  });
  document.addEventListener('dblclick', function (e) { var tile = e.target.closest && e.target.closest('#grid .tile'); if (tile) openLoupe(tile.dataset.photo); });
  document.addEventListener('change', function (e) { if (e.target.closest && e.target.closest('#cull .toolbar')) applyView(); });
  window.addEventListener('resize', function () { if (overlay) { var kind = overlay.kind, id = overlay.id; if (kind === 'loupe') openLoupe(id); else if (kind === 'compare') openCompare(id); } });
  load();
  // Navigation start to the load event, in ms, for bench/Measure-Review.ps1 (read from the dumped DOM).
  window.addEventListener('load', function () { body.dataset.loadedMs = String(Math.round(performance.now())); });
})();
""";
}
