// figcheck review page: filters by claim kind and severity, links from the
// text to the table, and a self-check run when the URL asks for ?selftest.
(function () {
  'use strict';
  var form = document.getElementById('filters');
  var boxes = Array.prototype.slice.call(form.querySelectorAll('input[type=checkbox]'));
  var params = new URLSearchParams(window.location.search);

  function ticked(name) {
    var set = {};
    boxes.forEach(function (box) {
      if (box.name === name) { set[box.value] = box.checked; }
    });
    return set;
  }

  // An element is shown when its kind (if it has one) and its severity are ticked.
  function shows(el, kinds, severities) {
    var kind = el.getAttribute('data-kind');
    return (kind === null || kinds[kind] !== false) && severities[el.getAttribute('data-severity')] !== false;
  }

  function apply() {
    var kinds = ticked('kind');
    var severities = ticked('severity');
    var shown = 0;
    var total = 0;
    document.querySelectorAll('main [data-severity]').forEach(function (el) {
      var show = shows(el, kinds, severities);
      if (el.tagName === 'TR') {
        el.hidden = !show;
        if (el.classList.contains('claim')) {
          total += 1;
          if (show) { shown += 1; }
        }
      } else {
        el.classList.toggle('dim', !show);
      }
    });
    document.getElementById('shown').textContent = shown + ' of ' + total + ' claims shown';
  }

  (params.get('hide') || '').split(',').forEach(function (value) {
    boxes.forEach(function (box) {
      if (box.value === value) { box.checked = false; }
    });
  });
  form.addEventListener('change', apply);

  // A click on a highlight shows its row in the table.
  document.querySelectorAll('mark.claim').forEach(function (mark) {
    mark.addEventListener('click', function () {
      var row = document.getElementById(mark.id.replace(/-(c[0-9]+)$/, '-row-$1'));
      if (row) {
        row.scrollIntoView({ block: 'center' });
        row.classList.add('flash');
        window.setTimeout(function () { row.classList.remove('flash'); }, 1200);
      }
    });
  });
  apply();

  // Checks that every claim is highlighted once and has one row, and that
  // unticking each box hides exactly the rows it names.
  function selftest() {
    var problems = [];
    var checks = 0;
    var saved = boxes.map(function (box) { return box.checked; });
    document.querySelectorAll('section.document').forEach(function (section) {
      var expected = Number(section.getAttribute('data-claims'));
      var marks = section.querySelectorAll('mark.claim').length;
      var rows = section.querySelectorAll('tr.claim').length;
      if (marks !== expected) { problems.push(section.id + ': ' + marks + ' highlights for ' + expected + ' claims'); }
      if (rows !== expected) { problems.push(section.id + ': ' + rows + ' rows for ' + expected + ' claims'); }
    });
    var rows = Array.prototype.slice.call(document.querySelectorAll('main tr[data-severity]'));
    boxes.forEach(function (box) {
      boxes.forEach(function (other) { other.checked = other !== box; });
      apply();
      checks += 1;
      rows.forEach(function (row) {
        var named = row.getAttribute(box.name === 'kind' ? 'data-kind' : 'data-severity') === box.value;
        if (row.hidden !== named) {
          problems.push('unticking ' + box.name + ' ' + box.value + ' ' + (named ? 'left shown' : 'hid') + ' row ' + row.id);
        }
      });
    });
    boxes.forEach(function (box, i) { box.checked = saved[i]; });
    apply();
    var out = document.getElementById('selftest');
    out.hidden = false;
    out.setAttribute('data-result', problems.length === 0 ? 'pass' : 'fail');
    out.setAttribute('data-checks', String(checks));
    out.textContent = problems.length === 0
      ? 'self-test passed: ' + checks + ' filters checked'
      : 'self-test failed: ' + problems.join('; ');
  }
  if (params.has('selftest')) { selftest(); }
}());
