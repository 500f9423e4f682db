/*
 * Học Số: a prebuilt JupyterLab extension written by hand (no build step).
 *
 * nbgrader's labextension writes its labels in English without JupyterLab's
 * translator, so this plugin translates them where they appear (Assignments
 * panel, Validate button and dialog), and shows only the Vietnamese sentence of
 * hocso's exchange messages (they start with "[hocso] ") instead of nbgrader's
 * Python traceback. Learner content (code, outputs, markdown) is never touched.
 *
 * The module-federation container below is what JupyterLab's loader expects:
 * window._JUPYTERLAB[name] with init() and get("./extension").
 */
(function () {
  'use strict';
  var MARK = '[hocso] ';
  var NOTHING_RELEASED =
    'Giảng viên chưa phát bài nào cho lớp. Nếu bạn tự học, bạn không cần nhận hay nộp bài: ' +
    'mở thư mục 00-lam-quen ở Trình duyệt tệp bên trái và làm bài trong đó.';
  var EXACT = {
    'Assignments': 'Bài tập của lớp',
    'Assignment List': 'Bài tập của lớp',
    'Released assignments': 'Bài giảng viên đã phát',
    'Downloaded assignments': 'Bài đã nhận về máy',
    'Submitted assignments': 'Bài đã nộp',
    'There are no assignments to fetch.': 'Không có bài mới để nhận.',
    'There are no downloaded assignments.': 'Bạn chưa nhận bài nào.',
    'There are no submitted assignments.': 'Bạn chưa nộp bài nào.',
    'Loading, please wait...': 'Đang tải, bạn chờ một chút…',
    'Released, downloaded, and submitted assignments for course:':
      'Bài đã phát, đã nhận và đã nộp của khóa học:',
    'Fetch': 'Nhận bài',
    'Fetching...': 'Đang nhận bài…',
    'Submit': 'Nộp bài',
    'submitting...': 'đang nộp…',
    'Fetch Feedback': 'Nhận nhận xét',
    'Fetching Feedback...': 'Đang nhận nhận xét…',
    ' (feedback available to fetch)': ' (có nhận xét mới, bấm Nhận nhận xét)',
    '(feedback available to fetch)': '(có nhận xét mới, bấm Nhận nhận xét)',
    ' (view feedback)': ' (xem nhận xét)',
    '(view feedback)': '(xem nhận xét)',
    'Validate': 'Kiểm tra bài',
    'Validate Assignment': 'Kiểm tra bài',
    'Validating...': 'Đang kiểm tra…',
    'Validation Results': 'Kết quả kiểm tra bài',
    'Validation failed': 'Chưa kiểm tra được bài',
    'Success! Your notebook passes all the tests.': 'Tốt lắm! Bài của bạn qua mọi ô kiểm tra.',
    'The following cell failed:': 'Một câu chưa đúng:',
    'The following cell passed:': 'Ô sau đã đúng:',
    'The source of the following cell has changed, but it should not have!':
      'Ô sau không được phép sửa, nhưng đã bị sửa:',
    'There was an error running the validate command:': 'Không chạy được việc kiểm tra bài:',
    'Total points:': 'Tổng điểm:',
    'Points: ': 'Điểm: ',
    'Error fetching courses!': 'Chưa hiện được bài tập của lớp:',
    'No courses found.': NOTHING_RELEASED,
    'Error fetching assignment.': 'Chưa nhận được bài.',
    'Error submitting assignment.': 'Chưa nộp được bài.',
    'Error fetching feedback.': 'Chưa nhận được nhận xét.',
    'Error validating assignment.': 'Chưa kiểm tra được bài.',
    'Refresh assignments list': 'Làm mới danh sách bài tập',
    'Assignment not submitted:': 'Bài chưa được nộp:',
    'Invalid Submission': 'Bài nộp chưa hợp lệ',
    'Version Mismatch': 'Phiên bản không khớp',
    'You did not provide a response.': 'Bạn chưa viết câu trả lời cho câu này.',
    'Toggle Dropdown': 'Chọn khóa học',
    'Dismiss': 'Đóng',
    'Ok': 'Đồng ý',
    'OK': 'Đồng ý'
  };
  // Text of a node that starts with one of these is replaced by the message.
  var STARTS = [
    ['The exchange directory does not exist', NOTHING_RELEASED],
    ['Cannot validate: ', 'Không kiểm tra được bài: ']
  ];
  // Containers whose text is the learner's or the course's: never translated.
  var SKIP = '.cm-editor, .jp-OutputArea-output, .jp-RenderedMarkdown, .jp-RenderedHTMLCommon, ' +
    '.jp-DirListing-itemText, .jp-InputArea-editor, input, textarea';

  function translated(text, table) {
    table = table || EXACT;
    var at = text.indexOf(MARK);
    if (at >= 0) {
      var rest = text.slice(at + MARK.length);
      var end = rest.indexOf('\n');
      return end >= 0 ? rest.slice(0, end).trim() : rest.trim();
    }
    var trimmed = text.trim();
    if (!trimmed) {
      return null;
    }
    if (Object.prototype.hasOwnProperty.call(table, trimmed)) {
      return text.replace(trimmed, table[trimmed]);
    }
    if (table !== EXACT) {
      return null;
    }
    for (var i = 0; i < STARTS.length; i++) {
      if (trimmed.indexOf(STARTS[i][0]) === 0) {
        return STARTS[i][1] + (STARTS[i][1].slice(-2) === ': ' ? trimmed.slice(STARTS[i][0].length) : '');
      }
    }
    return null;
  }

  function skipped(element) {
    return !element || (element.closest && element.closest(SKIP) !== null);
  }

  function fixText(node, table) {
    if (skipped(node.parentElement)) {
      return;
    }
    var text = node.nodeValue;
    var next = translated(text, table);
    if (next !== null && next !== text) {
      node.nodeValue = next;
    }
  }

  function fixAttributes(element, table) {
    if (skipped(element)) {
      return;
    }
    ['title', 'aria-label'].forEach(function (name) {
      var value = element.getAttribute && element.getAttribute(name);
      if (value) {
        var next = translated(value, table);
        if (next !== null && next !== value) {
          element.setAttribute(name, next);
        }
      }
    });
  }

  function fixTree(root, table) {
    if (root.nodeType === Node.TEXT_NODE) {
      fixText(root, table);
      return;
    }
    if (root.nodeType !== Node.ELEMENT_NODE) {
      return;
    }
    fixAttributes(root, table);
    var doc = root.ownerDocument || document;
    var walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    var node;
    while ((node = walker.nextNode())) {
      if (node.nodeType === Node.TEXT_NODE) {
        fixText(node, table);
      } else {
        fixAttributes(node, table);
      }
    }
  }

  // The Validate dialog lists each failed cell's source, then its error. A
  // learner needs the question and the message, never the code of the test
  // cell: the source becomes the question's name (from the self-check's key
  // "kiem-tra-cau-N" when the cell has one), the message stays.
  var QUESTION = /["'](?:kiem-tra-)?cau-(\d+)[a-z]?(?:#\d+)?["']/;

  function questionOf(source) {
    var found = QUESTION.exec(source || '');
    return found ? 'Câu ' + found[1] + ' chưa đúng:' : 'Một câu chưa đúng:';
  }

  function fixValidation(root) {
    var boxes = [];
    if (root.id === 'validation-message') {
      boxes.push(root);
    } else if (root.querySelectorAll) {
      boxes = Array.prototype.slice.call(root.querySelectorAll('#validation-message'));
    }
    boxes.forEach(function (box) {
      if (!box.classList.contains('validation-failed') || box.hasAttribute('data-hocso')) {
        return;
      }
      box.setAttribute('data-hocso', 'questions');
      var children = Array.prototype.slice.call(box.children);
      for (var i = 0; i + 1 < children.length; i++) {
        var head = children[i].querySelector('p');
        var code = children[i + 1];
        if (!head || !code.classList.contains('jp-RenderedText')) {
          continue;
        }
        var said = children[i + 2] ? children[i + 2].textContent : '';
        head.textContent = /did not provide a response|chưa viết câu trả lời/.test(said)
          ? 'Một câu trả lời viết còn trống:' // a written answer, not a wrong one
          : questionOf(code.textContent);
        head.classList.add('hocso-validate-question');
        head.style.fontWeight = 'bold';
        code.remove();
        var message = children[i + 2] && children[i + 2].querySelector('pre');
        if (message) {
          message.style.whiteSpace = 'pre-wrap'; // the whole sentence, on a small screen too
        }
        i += 1; // the error block after it stays
      }
    });
  }

  // nbgrader shows submission times as "2026-12-07 16:34:41.149462 UTC": a
  // learner reads them in the class's time, day first, to the minute.
  var STAMP = /^\s*(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?\s*UTC\s*$/;
  var TIME_ZONE = 'Asia/Ho_Chi_Minh';

  function timeZone() {
    try {
      var data = document.getElementById('jupyter-config-data');
      var zone = data && JSON.parse(data.textContent).hocsoTimeZone;
      return zone || TIME_ZONE;
    } catch (error) {
      return TIME_ZONE;
    }
  }

  function localTime(text) {
    var m = STAMP.exec(text);
    if (!m) {
      return null;
    }
    var when = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
    var zone = timeZone();
    var parts = {};
    try {
      new Intl.DateTimeFormat('en-GB', {
        timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit',
        hour: '2-digit', minute: '2-digit', hourCycle: 'h23'
      }).formatToParts(when).forEach(function (part) {
        parts[part.type] = part.value;
      });
    } catch (error) {
      return null;
    }
    var label = zone === TIME_ZONE ? ' (giờ Việt Nam)' : ' (' + zone + ')';
    return parts.day + '/' + parts.month + '/' + parts.year + ' ' + parts.hour + ':' +
      parts.minute + label;
  }

  function fixTimes(root) {
    var doc = root.ownerDocument || document;
    var walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var node;
    var found = [];
    while ((node = walker.nextNode())) {
      if (!skipped(node.parentElement) && STAMP.test(node.nodeValue)) {
        found.push(node);
      }
    }
    found.forEach(function (text) {
      var shown = localTime(text.nodeValue);
      if (shown) {
        var parent = text.parentElement;
        if (parent && !parent.hasAttribute('data-hocso-utc')) {
          parent.setAttribute('data-hocso-utc', text.nodeValue.trim());
        }
        text.nodeValue = shown;
      }
    });
  }

  // "(view feedback)" only moved the file browser to feedback/<UTC time>/: it now
  // opens the feedback page itself, in a new browser tab, in one click.
  function baseUrl() {
    try {
      var data = document.getElementById('jupyter-config-data');
      return JSON.parse(data.textContent).baseUrl || '/';
    } catch (error) {
      return '/';
    }
  }

  function contents(path) {
    var url = baseUrl() + 'api/contents/' + path.split('/').map(encodeURIComponent).join('/') +
      '?content=1';
    var xsrf = (document.cookie.match(/_xsrf=([^;]+)/) || [])[1];
    return fetch(url, { credentials: 'same-origin', headers: xsrf ? { 'X-XSRFToken': xsrf } : {} })
      .then(function (reply) { return reply.ok ? reply.json() : null; });
  }

  function firstPage(listing) {
    var pages = ((listing && listing.content) || []).filter(function (item) {
      return /\.html$/.test(item.name);
    });
    return pages.length ? pages[0] : null;
  }

  function openFeedback(stamp, popup) {
    var known = feedbackFolders[stamp];
    var search = known
      ? contents(known).then(function (listing) { return [listing]; })
      : contents('').then(function (root) {
        // Not in a listing seen here: look for nbgrader's own folder name.
        var folders = ((root && root.content) || []).filter(function (item) {
          return item.type === 'directory';
        });
        return Promise.all(folders.map(function (folder) {
          return contents(folder.path + '/feedback/' + stamp).catch(function () { return null; });
        }));
      });
    return search.then(function (found) {
      for (var i = 0; i < found.length; i++) {
        var page = firstPage(found[i]);
        if (page) {
          var url = baseUrl() + 'files/' + page.path.split('/').map(encodeURIComponent).join('/');
          popup.location.href = url;
          return url;
        }
      }
      popup.close();
      return null;
    });
  }

  function fixFeedbackLinks(root) {
    var links = root.querySelectorAll ? root.querySelectorAll('#submitted_assignments_list a') : [];
    Array.prototype.forEach.call(links, function (link) {
      if (link.hasAttribute('data-hocso') || !/view feedback|xem nhận xét/.test(link.textContent)) {
        return;
      }
      link.setAttribute('data-hocso', 'feedback');
      link.classList.add('hocso-open-feedback');
      link.setAttribute('title', 'Mở trang nhận xét trong một thẻ mới');
      link.onclick = function (event) {
        event.preventDefault();
        var holder = link.parentElement && link.parentElement.closest('[data-hocso-utc]');
        var stamp = holder ? holder.getAttribute('data-hocso-utc') : null;
        if (!stamp) {
          return;
        }
        openFeedback(stamp, window.open('', '_blank'));
      };
    });
  }

  // Due dates in the Assignments panel. The server's assignment list (hocso's
  // exchange classes, grading.exchange.lab.with_due) gives each released or
  // fetched assignment its due date and the sentence to show ("Hạn nộp:
  // 20/12/2026 23:59 (còn 13 ngày)"); this code keeps that sentence when the
  // panel's own request returns (the listing, or an action answered with a new
  // listing) and writes it under the assignment's name. It computes no date.
  var DUE_KEY = 'hocso_due';
  var dues = {};
  // Where each submission's feedback is (server-relative folder, by nbgrader's
  // timestamp): hocso names these folders in local time, so the link asks the
  // listing rather than guessing the name.
  var feedbackFolders = {};

  function keepDues(listing) {
    var items = (listing && listing.success && listing.value) || [];
    if (!Array.isArray(items)) {
      return;
    }
    items.forEach(function (item) {
      if (item && item[DUE_KEY] && typeof item[DUE_KEY].label === 'string') {
        dues[item.course_id + '/' + item.assignment_id] = item[DUE_KEY];
      }
      ((item && item.submissions) || []).forEach(function (submission) {
        if (submission && typeof submission.local_feedback_path === 'string') {
          feedbackFolders[submission.timestamp] = submission.local_feedback_path;
        }
      });
    });
    fixDues(document.body);
  }

  function isAssignmentList(url) {
    try {
      var path = new URL(url, window.location.href).pathname;
      // the listing itself, and the actions that answer with a fresh listing
      return /\/assignments(\/(fetch|submit|fetch_feedback))?$/.test(path);
    } catch (error) {
      return false;
    }
  }

  function watchListings() {
    var original = window.fetch;
    if (!original || original.__hocso) {
      return;
    }
    var wrapped = function (input, init) {
      var url = typeof input === 'string' ? input : (input && input.url) || '';
      var reply = original.apply(this, arguments);
      if (isAssignmentList(url)) {
        reply.then(function (response) {
          if (response && response.ok) {
            response.clone().json().then(keepDues, function () {});
          }
        }, function () {});
      }
      return reply;
    };
    wrapped.__hocso = true;
    window.fetch = wrapped;
  }

  function fixDues(root) {
    var rows = root.querySelectorAll
      ? root.querySelectorAll('#released_assignments_list .list_item, #fetched_assignments_list .list_item')
      : [];
    Array.prototype.forEach.call(rows, function (row) {
      if (row.classList.contains('nested_list_item')) {
        return;
      }
      var name = row.querySelector(':scope > div > .item_name');
      var course = row.querySelector(':scope > div > .item_course');
      if (!name || !course || !name.firstElementChild) {
        return;
      }
      var due = dues[course.textContent.trim() + '/' + name.firstElementChild.textContent.trim()];
      var shown = name.querySelector('.hocso-due');
      if (!due) {
        return;
      }
      if (!shown) {
        shown = document.createElement('div');
        shown.className = 'hocso-due';
        shown.style.fontSize = '90%';
        name.appendChild(shown);
      }
      if (shown.textContent !== due.label) {
        shown.textContent = due.label;
      }
      shown.classList.toggle('hocso-due-past', !!due.past);
      shown.style.color = due.past ? 'var(--jp-error-color1, #d32f2f)' : 'var(--jp-ui-font-color2, #555)';
      shown.style.fontWeight = due.past ? 'bold' : 'normal';
    });
  }

  function observe(body, table) {
    fixTree(body, table);
    if (table === EXACT) {
      fixTimes(body);
      fixFeedbackLinks(body);
      fixDues(body);
    }
    var observer = new MutationObserver(function (mutations) {
      mutations.forEach(function (mutation) {
        if (mutation.type === 'characterData') {
          fixText(mutation.target, table);
        } else if (mutation.type === 'attributes') {
          fixAttributes(mutation.target, table);
        } else {
          mutation.addedNodes.forEach(function (node) {
            if (node.nodeType === Node.ELEMENT_NODE) {
              fixValidation(node);
            }
            fixTree(node, table);
            if (table === EXACT && (node.nodeType === Node.ELEMENT_NODE || node.nodeType === Node.TEXT_NODE)) {
              fixTimes(node.nodeType === Node.TEXT_NODE ? node.parentElement || node : node);
              if (node.nodeType === Node.ELEMENT_NODE) {
                fixFeedbackLinks(node.parentElement || node);
                fixDues(node.parentElement || node);
              }
            }
          });
        }
      });
    });
    observer.observe(body, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['title', 'aria-label']
    });
  }

  function activate() {
    watchListings();
    observe(document.body, EXACT);
    document.documentElement.setAttribute('data-hocso-lab', 'vi');
  }

  var plugin = {
    id: 'hocso-lab:vietnamese',
    description: 'Vietnamese labels for nbgrader learner panels and hocso messages.',
    autoStart: true,
    activate: activate
  };

  // Before any plugin starts (the panel may be restored open): the listings are kept.
  watchListings();

  var registry = (window._JUPYTERLAB = window._JUPYTERLAB || {});
  registry['hocso-lab'] = {
    init: function () {
      return Promise.resolve();
    },
    get: function (module) {
      if (module !== './extension') {
        return Promise.reject(new Error('hocso-lab has no module ' + module));
      }
      return Promise.resolve(function () {
        return { __esModule: true, default: [plugin] };
      });
    }
  };
})();
