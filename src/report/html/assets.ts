/**
 * The stylesheet and the script every page carries inline (no CDN, no web font: pages open from disk and
 * can be mailed or zipped as they are). Colours keep a contrast of at least 4.5:1 on their backgrounds,
 * and status is always said in words as well as in colour.
 */
export const STYLE = `
:root{--fg:#1f2328;--muted:#57606a;--bg:#fff;--line:#d0d7de;--soft:#f6f8fa;--link:#0550ae;
--ok:#116329;--ok-bg:#dafbe1;--bad:#a40e26;--bad-bg:#ffebe9;--warn:#7d4e00;--warn-bg:#fff8c5;--band:#c6e6cf}
*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-size:16px;line-height:1.5;color:var(--fg);background:var(--bg)}
body{margin:0}
a{color:var(--link)}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,summary:focus-visible{outline:3px solid var(--link);outline-offset:2px}
code,pre,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:.875em}
code{background:var(--soft);padding:.1em .3em;border-radius:4px;overflow-wrap:anywhere}
pre{background:var(--soft);padding:.5rem;overflow:auto;white-space:pre-wrap;overflow-wrap:anywhere}
.skip{position:absolute;left:-999px;top:0;background:var(--bg);padding:.5rem}
.skip:focus{left:.5rem}
header.site,footer.site{padding:.5rem 1.25rem;border-bottom:1px solid var(--line);font-size:.875rem}
footer.site{border-top:1px solid var(--line);border-bottom:0;color:var(--muted);margin-top:2rem}
header.site ol{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.5rem}
header.site li+li::before{content:"/";color:var(--muted);margin-right:.5rem}
main{max-width:72rem;margin:0 auto;padding:1rem 1.25rem}
h1{font-size:1.5rem;margin:.5rem 0 1rem;overflow-wrap:anywhere}
h2{font-size:1.25rem;margin:1.75rem 0 .75rem;border-bottom:1px solid var(--line);padding-bottom:.25rem}
h3{font-size:1.05rem;margin:1.25rem 0 .5rem;overflow-wrap:anywhere}
.sub{color:var(--muted);font-weight:400}
.badge{display:inline-block;padding:.1em .55em;border-radius:1em;font-size:.875rem;font-weight:600;border:1px solid currentColor;white-space:nowrap}
.passed{color:var(--ok)}.failed{color:var(--bad)}.error{color:var(--warn)}
.badge.passed{background:var(--ok-bg)}.badge.failed{background:var(--bad-bg)}.badge.error{background:var(--warn-bg)}
.cards{display:flex;flex-wrap:wrap;gap:.75rem;margin:0 0 1rem;padding:0;list-style:none}
.cards li{border:1px solid var(--line);border-radius:6px;padding:.5rem .9rem;min-width:8rem}
.cards .n{display:block;font-size:1.4rem;font-weight:600}
.cards .l{color:var(--muted);font-size:.875rem}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}
dl.meta dt{color:var(--muted)}dl.meta dd{margin:0;overflow-wrap:anywhere}
.toolbar{display:flex;flex-wrap:wrap;align-items:center;gap:.75rem 1.25rem;margin:.5rem 0 1rem;padding:.6rem .75rem;background:var(--soft);border:1px solid var(--line);border-radius:6px}
.toolbar input[type=search],.toolbar select{font:inherit;padding:.25rem .4rem;border:1px solid var(--muted);border-radius:4px;background:var(--bg);color:var(--fg)}
.toolbar input[type=checkbox]{width:1.1rem;height:1.1rem;vertical-align:middle}
.count{color:var(--muted);font-size:.875rem}
nav.toc ul{list-style:none;padding:0;margin:0 0 1rem;display:flex;flex-wrap:wrap;gap:.25rem .75rem;font-size:.9rem}
ol.exps{list-style:none;margin:0;padding:0}
li.exp{border:1px solid var(--line);border-left:4px solid var(--ok);border-radius:6px;padding:.6rem .9rem;margin:0 0 .6rem}
li.exp[data-status=failed]{border-left-color:var(--bad)}li.exp[data-status=error]{border-left-color:var(--warn)}
li.exp.suite-exp{border-left-color:var(--line)}
.exp-head{display:flex;gap:.75rem;align-items:baseline}
.exp-head .badge{flex:none}
.sentence{margin:0;font-weight:500;overflow-wrap:anywhere}
.observed{margin:.35rem 0 0;overflow-wrap:anywhere}
.notes{margin:.35rem 0 0;color:var(--muted);font-size:.9rem}
.notes p{margin:0 0 .25rem}
.type{color:var(--muted);font-size:.8rem;margin:.35rem 0 0}
figure.chart{margin:.5rem 0 0}
figure.chart svg{display:block;max-width:100%;height:auto}
figure.chart figcaption{font-size:.8rem;color:var(--muted)}
table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}
caption{text-align:left;font-weight:600;padding:.25rem 0;caption-side:top;white-space:nowrap}
th,td{border:1px solid var(--line);padding:.15rem .6rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
thead th{background:var(--soft)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
table.runs{width:100%}
.rows{margin:.35rem 0 0;font-size:.9rem;overflow-wrap:anywhere}
details{margin:.35rem 0 0}
summary{cursor:pointer;color:var(--link)}
.pager{display:flex;align-items:center;gap:1rem;margin:.75rem 0}
.pager button{font:inherit;padding:.3rem .9rem;border:1px solid var(--muted);border-radius:4px;background:var(--bg);color:var(--fg);cursor:pointer}
.pager button:disabled{color:var(--muted);cursor:default}
[hidden]{display:none !important}
@media print{
  header.site,.toolbar,.pager,nav.toc,.skip,footer.site{display:none !important}
  main{max-width:none;padding:0}
  li.exp{break-inside:avoid}
  /* paper shows no controls, so it shows every expectation: a filter set on screen would go unsaid */
  li.exp[hidden],section.group[hidden]{display:block !important}
  a{color:inherit;text-decoration:none}
  summary{color:inherit}
}
`;

/**
 * The pages' behaviour, written for the browser as is: the failed-only toggle and the filter of a run
 * page, search, filters and pages of the index. Everything it shows goes through textContent, never
 * through markup, and it reads its data from a JSON island.
 */
export const SCRIPT = `(function () {
  'use strict';
  var d = document;
  function each(list, f) { Array.prototype.forEach.call(list, f); }
  window.addEventListener('beforeprint', function () { each(d.querySelectorAll('details'), function (x) { x.open = true; }); });

  var toggle = d.getElementById('failed-only');
  var filter = d.getElementById('exp-filter');
  if (toggle && filter) {
    var items = d.querySelectorAll('li.exp');
    var groups = d.querySelectorAll('section.group');
    var shown = d.getElementById('exp-shown');
    var texts = Array.prototype.map.call(items, function (li) { return li.textContent.toLowerCase(); });
    var applyExp = function () {
      var q = filter.value.trim().toLowerCase();
      var n = 0;
      each(items, function (li, i) {
        var hide = (toggle.checked && li.getAttribute('data-status') === 'passed') || (q !== '' && texts[i].indexOf(q) < 0);
        li.hidden = hide;
        if (!hide) n++;
      });
      each(groups, function (g) {
        var empty = !g.querySelector('li.exp:not([hidden])');
        g.hidden = empty;
        var link = d.querySelector('nav.toc a[href="#' + g.id + '"]');
        if (link) link.parentNode.hidden = empty;
      });
      shown.textContent = 'Showing ' + n + ' of ' + items.length + ' expectations';
    };
    toggle.addEventListener('change', applyExp);
    filter.addEventListener('input', applyExp);
    d.getElementById('exp-tools').hidden = false;
    applyExp();
  }

  var island = d.getElementById('runs-data');
  if (!island) return;
  var db = JSON.parse(island.textContent);
  var runs = db.runs, suites = db.suites, size = db.pageSize;
  var search = d.getElementById('run-search'), status = d.getElementById('run-status'), suite = d.getElementById('run-suite');
  var body = d.getElementById('runs-body'), info = d.getElementById('runs-info');
  var pagers = d.querySelectorAll('.pager');
  var hay = runs.map(function (r) { return [r[1], suites[r[3]][0], r[4], r[8], r[2] ? 'passed' : 'failed'].join(' ').toLowerCase(); });
  var match = [], page = 0;
  var names = suites.map(function (s) { return s[0]; }).filter(function (n, i, all) { return all.indexOf(n) === i; }).sort();
  names.forEach(function (n) { var o = d.createElement('option'); o.value = n; o.textContent = n; suite.appendChild(o); });
  function el(tag, text, cls) { var e = d.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; }
  function link(href, text) { var a = el('a', text); a.setAttribute('href', href); return a; }
  function row(r) {
    var tr = d.createElement('tr');
    var st = el('td'); st.appendChild(el('span', r[2] ? 'Passed' : 'Failed', 'badge ' + (r[2] ? 'passed' : 'failed'))); tr.appendChild(st);
    var t = el('td'); t.appendChild(link('runs/' + r[0] + '.html', r[1])); tr.appendChild(t);
    var s = el('td'); s.appendChild(link(suites[r[3]][1], suites[r[3]][0])); tr.appendChild(s);
    tr.appendChild(el('td', r[4]));
    tr.appendChild(el('td', r[5], 'num'));
    tr.appendChild(el('td', r[6] + ' of ' + r[7], 'num'));
    tr.appendChild(el('td', r[8]));
    return tr;
  }
  function render() {
    var pages = Math.max(1, Math.ceil(match.length / size));
    page = Math.min(page, pages - 1);
    while (body.firstChild) body.removeChild(body.firstChild);
    var frag = d.createDocumentFragment();
    match.slice(page * size, page * size + size).forEach(function (i) { frag.appendChild(row(runs[i])); });
    body.appendChild(frag);
    each(pagers, function (p) {
      p.querySelector('.page-label').textContent = 'Page ' + (page + 1) + ' of ' + pages;
      p.querySelector('.prev').disabled = page === 0;
      p.querySelector('.next').disabled = page >= pages - 1;
    });
    info.textContent = match.length === runs.length ? runs.length + ' runs' : match.length + ' of ' + runs.length + ' runs match';
  }
  function state() {
    var p = [];
    if (search.value) p.push('q=' + encodeURIComponent(search.value));
    if (status.value) p.push('status=' + status.value);
    if (suite.value) p.push('suite=' + encodeURIComponent(suite.value));
    if (page) p.push('page=' + (page + 1));
    try { history.replaceState(null, '', p.length ? '#' + p.join('&') : location.pathname + location.search); } catch (e) { /* file: URLs may refuse */ }
  }
  function apply(keepPage) {
    var q = search.value.trim().toLowerCase(), want = status.value, s = suite.value;
    match = [];
    for (var i = 0; i < runs.length; i++) {
      var r = runs[i];
      if (want && (want === 'passed') !== (r[2] === 1)) continue;
      if (s && suites[r[3]][0] !== s) continue;
      if (q && hay[i].indexOf(q) < 0) continue;
      match.push(i);
    }
    if (!keepPage) page = 0;
    render();
    state();
  }
  function fromHash() {
    var h = {};
    location.hash.replace(/^#/, '').split('&').forEach(function (kv) {
      var i = kv.indexOf('=');
      if (i > 0) { try { h[kv.slice(0, i)] = decodeURIComponent(kv.slice(i + 1)); } catch (e) { /* ignore a bad escape */ } }
    });
    search.value = h.q || '';
    status.value = h.status === 'passed' || h.status === 'failed' ? h.status : '';
    suite.value = names.indexOf(h.suite) >= 0 ? h.suite : '';
    page = Math.max(0, (parseInt(h.page, 10) || 1) - 1);
    apply(true);
  }
  search.addEventListener('input', function () { apply(false); });
  status.addEventListener('change', function () { apply(false); });
  suite.addEventListener('change', function () { apply(false); });
  each(pagers, function (p) {
    p.querySelector('.prev').addEventListener('click', function () { page--; render(); state(); });
    p.querySelector('.next').addEventListener('click', function () { page++; render(); state(); });
    p.hidden = false;
  });
  window.addEventListener('hashchange', fromHash);
  d.getElementById('run-tools').hidden = false;
  var note = d.getElementById('static-note');
  if (note) note.hidden = true;
  fromHash();
})();
`;
