/* Học Số: Formgrader in the trainer's language, learners by Vietnamese name order,
 * and submissions handed in after the solutions flagged with the reason.
 *
 * Served by grading.jupyter.labconfig.formgrader after the settings object
 * window.HOCSO_FORMGRADER = {exact, patterns, datatables, after_solutions, base_url}.
 * nbgrader's pages and scripts are used unchanged: this script rewrites the text
 * they show (exact strings and anchored patterns kept in strings.json), never a
 * learner's content (notebook cells, outputs, comments, inputs).
 */
(function () {
  'use strict';
  var cfg = window.HOCSO_FORMGRADER || {};
  var EXACT = cfg.exact || {};
  var PATTERNS = (cfg.patterns || []).map(function (p) {
    return [new RegExp('^(?:' + p[0] + ')$'), p[1]];
  });
  var NAMES = {}; // "Nguyễn, Thị Lan" (nbgrader's order) -> "Nguyễn Thị Lan"
  var ATTRIBUTES = ['title', 'placeholder', 'aria-label', 'data-original-title'];
  // a learner's work and the trainer's typing: never translated
  var KEEP = '.rendered_html, .text_cell_render, .input_area, .output_area, .output_wrapper, ' +
    'pre, code, textarea, input, select, script, style, .hocso-keep';
  var toggleFixed = false;

  function lookup(trimmed) {
    if (Object.prototype.hasOwnProperty.call(NAMES, trimmed)) {
      return NAMES[trimmed];
    }
    if (Object.prototype.hasOwnProperty.call(EXACT, trimmed)) {
      return EXACT[trimmed];
    }
    for (var i = 0; i < PATTERNS.length; i++) {
      if (PATTERNS[i][0].test(trimmed)) {
        return trimmed.replace(PATTERNS[i][0], PATTERNS[i][1]);
      }
    }
    return null;
  }

  function translated(text) {
    var trimmed = text.trim();
    if (!trimmed) {
      return null;
    }
    var out = lookup(trimmed.replace(/\s+/g, ' '));
    return out === null ? null : text.replace(trimmed, function () { return out; });
  }

  function kept(element) {
    if (!element || !element.closest) {
      return false;
    }
    if (element.closest(KEEP)) {
      return true;
    }
    // nbgrader compares this button's label: ours once its functions are replaced
    return !toggleFixed && !!element.closest('#toggle_names');
  }

  function fixNode(node) {
    if (node.nodeType === Node.TEXT_NODE) {
      if (!kept(node.parentElement)) {
        var out = translated(node.nodeValue);
        if (out !== null && out !== node.nodeValue) {
          node.nodeValue = out;
        }
      }
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE || kept(node)) {
      return;
    }
    ATTRIBUTES.forEach(function (name) {
      var value = node.getAttribute(name);
      var out = value === null ? null : translated(value);
      if (out !== null && out !== value) {
        node.setAttribute(name, out);
      }
    });
    var walker = document.createTreeWalker(node, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    var todo = [];
    while (walker.nextNode()) {
      todo.push(walker.currentNode);
    }
    todo.forEach(function (child) {
      if (child.nodeType === Node.TEXT_NODE) {
        fixNode(child);
      } else if (!kept(child)) {
        ATTRIBUTES.forEach(function (name) {
          var value = child.getAttribute(name);
          var out = value === null ? null : translated(value);
          if (out !== null && out !== value) {
            child.setAttribute(name, out);
          }
        });
      }
    });
  }

  // ---- "Show All Names": nbgrader's script compares the button's English label
  // names start hidden (nbgrader's blind grading): so too before the rows are loaded
  function namesHidden() {
    var icons = document.querySelectorAll('.glyphicon.name-hidden');
    return !icons.length || [].some.call(icons, function (el) {
      return el.offsetParent !== null;
    });
  }

  function fixToggle() {
    var button = document.getElementById('toggle_names');
    /* global toggleAllNames, updateToggleNamesButtonLabel */
    if (!button || typeof toggleAllNames !== 'function' ||
        typeof updateToggleNamesButtonLabel !== 'function') {
      return;
    }
    var show = lookup('Show All Names') || 'Show All Names';
    var hide = lookup('Hide All Names') || 'Hide All Names';
    updateToggleNamesButtonLabel = function () {
      button.textContent = namesHidden() ? show : hide;
    };
    toggleAllNames = function () {
      var selector = namesHidden() ? '.glyphicon.name-hidden' : '.glyphicon.name-shown';
      [].slice.call(document.querySelectorAll(selector)).forEach(function (icon) {
        icon.click();
      });
    };
    toggleFixed = true;
    updateToggleNamesButtonLabel();
  }

  // ---- learners by Vietnamese name order (family name first, no comma)
  function loadNames(done) {
    var request = new XMLHttpRequest();
    request.open('GET', cfg.base_url + '/formgrader/api/students');
    request.onload = function () {
      if (request.status !== 200) {
        return;
      }
      JSON.parse(request.responseText).forEach(function (s) {
        var last = s.last_name, first = s.first_name;
        var shown = [last, first].filter(function (x) { return x; }).join(' ') || s.id;
        NAMES[(last === null ? 'None' : last) + ', ' + (first === null ? 'None' : first)] = shown;
      });
      done();
    };
    request.send();
  }

  // ---- handed in after the solutions
  var FLAGS = null;

  function flagElement(reason) {
    var box = document.createElement('div');
    box.className = 'hocso-flag hocso-keep';
    var label = document.createElement('span');
    label.className = 'label label-danger';
    label.textContent = cfg.after_solutions;
    var why = document.createElement('div');
    why.className = 'hocso-flag-reason';
    why.textContent = reason;
    box.appendChild(label);
    box.appendChild(why);
    box.title = reason;
    return box;
  }

  function applyFlags() {
    if (!FLAGS) {
      return;
    }
    var here = document.getElementById('hocso-after-solutions');
    if (here && FLAGS[here.getAttribute('data-student')] && !here.firstChild) {
      here.appendChild(flagElement(FLAGS[here.getAttribute('data-student')]));
    }
    (window.views || []).forEach(function (view) {
      var student = view.model && view.model.get && view.model.get('student');
      if (!student || !FLAGS[student] || !view.$el || view.$el.find('.hocso-flag').length) {
        return;
      }
      var cell = view.$status || view.$name;
      if (cell && cell.length) {
        cell.append(flagElement(FLAGS[student]));
      }
    });
  }

  function loadFlags() {
    if (typeof window.assignment_id !== 'string' || !window.assignment_id) {
      return;
    }
    var request = new XMLHttpRequest();
    request.open('GET', cfg.base_url + '/hocso/formgrader/after-solutions/' +
      encodeURIComponent(window.assignment_id));
    request.onload = function () {
      if (request.status === 200) {
        FLAGS = JSON.parse(request.responseText);
        applyFlags();
      }
    };
    request.send();
  }

  // ---- start
  if (cfg.title) {
    document.title = document.title === 'nbgrader formgrade' ? cfg.title : document.title;
  }
  if (cfg.lang) {
    document.documentElement.setAttribute('lang', cfg.lang);
  }
  if (window.jQuery && jQuery.fn.dataTable && cfg.datatables) {
    jQuery.extend(true, jQuery.fn.dataTable.defaults, {language: cfg.datatables});
  }
  var pending = false;
  var observer = new MutationObserver(function (mutations) {
    mutations.forEach(function (m) {
      if (m.type === 'characterData') {
        fixNode(m.target);
      } else if (m.type === 'attributes') {
        fixNode(m.target);
      } else {
        m.addedNodes.forEach(fixNode);
      }
    });
    if (!pending) {
      pending = true;
      window.setTimeout(function () {
        pending = false;
        applyFlags();
      }, 0);
    }
  });

  function start() {
    fixToggle();
    fixNode(document.body);
    observer.observe(document.body, {
      childList: true, subtree: true, characterData: true,
      attributes: true, attributeFilter: ATTRIBUTES
    });
    loadNames(function () { fixNode(document.body); });
    loadFlags();
    document.documentElement.setAttribute('data-hocso-formgrader', cfg.lang || 'vi');
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
