// The review page's only script (allowed by its hash). It shows and hides what the page already
// holds: one source passage at a time beside its draft, the filters, keyboard navigation. The
// page reads the same without it (every passage listed, every number a link to its passage).
(function () {
  'use strict';
  var root = document.documentElement;
  root.classList.add('js');
  var all = function (selector, within) {
    return Array.prototype.slice.call((within || document).querySelectorAll(selector));
  };
  all('.js-only').forEach(function (el) { el.hidden = false; });
  var refs = all('a.ref');
  refs.forEach(function (ref) { ref.setAttribute('aria-expanded', 'false'); });
  var current = null;

  function close() {
    all('.passage.open').forEach(function (p) { p.classList.remove('open'); });
    all('.current').forEach(function (m) { m.classList.remove('current'); });
    refs.forEach(function (ref) { ref.setAttribute('aria-expanded', 'false'); });
    all('.passages').forEach(function (a) { a.classList.remove('showing'); });
  }

  // Shows a note's passage beside its draft and marks its words; `focus` moves focus to its
  // number (keyboard navigation), so Tab goes on from there.
  function open(ref, focus) {
    close();
    var passage = document.getElementById(ref.getAttribute('aria-controls'));
    if (!passage) return;
    passage.classList.add('open');
    passage.closest('.passages').classList.add('showing');
    ref.setAttribute('aria-expanded', 'true');
    ref.classList.add('current');
    all('mark[data-note="' + ref.id + '"]').forEach(function (m) { m.classList.add('current'); });
    current = ref;
    if (focus) ref.focus();
  }

  document.addEventListener('click', function (e) {
    var target = e.target.closest('a.ref, mark[data-note], a.at');
    if (!target) return;
    if (target.matches('a.at')) {
      // "line N" in a passage: back to the words in the draft.
      var back = document.getElementById(target.getAttribute('href').slice(1));
      if (back) { e.preventDefault(); open(back, true); }
      return;
    }
    var ref = target.matches('a.ref') ? target : document.getElementById(target.getAttribute('data-note'));
    if (!ref || ref.classList.contains('filtered')) return;
    e.preventDefault();
    open(ref, true);
  });

  function visibleFindings() {
    return refs.filter(function (r) {
      return r.classList.contains('finding-ref') && !r.classList.contains('filtered');
    });
  }

  function step(by) {
    var list = visibleFindings();
    if (!list.length) return;
    var from = refs.indexOf(document.activeElement) >= 0 ? document.activeElement : current;
    var next;
    if (!from) {
      next = by > 0 ? list[0] : list[list.length - 1];
    } else {
      // The next finding after (or before) the focused note, in document order.
      var order = refs.indexOf(from);
      var after = list.filter(function (r) { return by > 0 ? refs.indexOf(r) > order : refs.indexOf(r) < order; });
      next = by > 0 ? after[0] : after[after.length - 1];
      if (!next) next = by > 0 ? list[0] : list[list.length - 1];
    }
    open(next, true);
    next.scrollIntoView({ block: 'center' });
  }

  document.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(TEXTAREA|SELECT)$/.test(t.tagName) ||
        (t.tagName === 'INPUT' && t.type !== 'checkbox'))) return;
    if (e.key === 'n' || e.key === 'j') { e.preventDefault(); step(1); }
    else if (e.key === 'p' || e.key === 'k') { e.preventDefault(); step(-1); }
    else if (e.key === 'Escape') { close(); if (current) current.focus(); }
  });

  var shown = document.querySelector('[data-shown]');
  function filter() {
    var off = {};
    all('input[data-filter]').forEach(function (box) {
      if (!box.checked) off[box.getAttribute('data-filter') + ':' + box.value] = true;
    });
    all('[data-kind]').forEach(function (el) {
      if (el.closest('.summary')) return;
      var severity = el.getAttribute('data-severity');
      var hide = off['kind:' + el.getAttribute('data-kind')] || (severity && off['severity:' + severity]);
      el.classList.toggle('filtered', !!hide);
    });
    if (current && current.classList.contains('filtered')) { close(); current = null; }
    if (shown) shown.textContent = String(visibleFindings().length);
  }
  all('input[data-filter]').forEach(function (box) { box.addEventListener('change', filter); });
  filter();
})();
