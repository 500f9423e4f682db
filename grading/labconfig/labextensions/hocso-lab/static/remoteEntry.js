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
    'The following cell failed:': 'Ô sau chưa đúng:',
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

  function translated(text) {
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
    if (Object.prototype.hasOwnProperty.call(EXACT, trimmed)) {
      return text.replace(trimmed, EXACT[trimmed]);
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

  function fixText(node) {
    if (skipped(node.parentElement)) {
      return;
    }
    var text = node.nodeValue;
    var next = translated(text);
    if (next !== null && next !== text) {
      node.nodeValue = next;
    }
  }

  function fixAttributes(element) {
    if (skipped(element)) {
      return;
    }
    ['title', 'aria-label'].forEach(function (name) {
      var value = element.getAttribute && element.getAttribute(name);
      if (value) {
        var next = translated(value);
        if (next !== null && next !== value) {
          element.setAttribute(name, next);
        }
      }
    });
  }

  function fixTree(root) {
    if (root.nodeType === Node.TEXT_NODE) {
      fixText(root);
      return;
    }
    if (root.nodeType !== Node.ELEMENT_NODE) {
      return;
    }
    fixAttributes(root);
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    var node;
    while ((node = walker.nextNode())) {
      if (node.nodeType === Node.TEXT_NODE) {
        fixText(node);
      } else {
        fixAttributes(node);
      }
    }
  }

  function activate() {
    fixTree(document.body);
    var observer = new MutationObserver(function (mutations) {
      mutations.forEach(function (mutation) {
        if (mutation.type === 'characterData') {
          fixText(mutation.target);
        } else if (mutation.type === 'attributes') {
          fixAttributes(mutation.target);
        } else {
          mutation.addedNodes.forEach(fixTree);
        }
      });
    });
    observer.observe(document.body, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['title', 'aria-label']
    });
    document.documentElement.setAttribute('data-hocso-lab', 'vi');
  }

  var plugin = {
    id: 'hocso-lab:vietnamese',
    description: 'Vietnamese labels for nbgrader learner panels and hocso messages.',
    autoStart: true,
    activate: activate
  };

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
