"""What ``hocso`` says to a trainer, in the project's message catalogue (:mod:`toolkit.i18n`).

Vietnamese by default, English with ``HOCSO_LANG=en``, as every message of
the project. A toolkit skill package registers its messages in its
``_messages.py``; ``grading`` registers its own here, on import, under keys
starting ``hocso.``: CLI summaries and next steps (``hocso.cli.*``), the
words of CLI tables (``hocso.word.*``), error framing (``hocso.error.*``).

A new verb adds its lines to :data:`MESSAGES` and prints them with
:func:`say`; a test checks that every key has both languages and that the
fields of the two templates are the same.

Examples
--------
>>> say("hocso.cli.roster_shown", count=3, lang="vi")
'3 học viên trong danh sách'
>>> say("hocso.cli.roster_shown", count=3, lang="en")
'3 learner(s) enrolled'
>>> word("graded", lang="vi"), word("graded", lang="en"), word("HV01", lang="vi")
('đã chấm', 'graded', 'HV01')
"""

from __future__ import annotations

from toolkit.i18n import current_language, register, t

__all__ = ["MESSAGES", "WORDS", "say", "word"]

#: ``{key: {"vi": template, "en": template}}`` of the CLI's sentences.
MESSAGES: dict[str, dict[str, str]] = {
    # errors
    "hocso.error.frame": {
        "vi": "hocso {command}: lỗi: {message}",
        "en": "hocso {command}: error: {message}",
    },
    # hocso db (local PostgreSQL, grading.classroom.database)
    "hocso.error.postgres_missing": {
        "vi": "chưa cài các chương trình máy chủ của PostgreSQL ({missing} không có trong PATH): hãy cài chúng (Debian: `apt-get install postgresql`), hoặc dùng --db-url để chỉ tới một máy chủ PostgreSQL có sẵn",
        "en": "PostgreSQL's server programs are not installed ({missing} not on PATH): install them (Debian: `apt-get install postgresql`), or give the URL of an existing server with --db-url",
    },
    "hocso.error.postgres_no_account": {
        "vi": "PostgreSQL không chạy dưới tài khoản root và máy này không có tài khoản {account!r}: hãy tạo tài khoản đó (`useradd --system {account}`) hoặc chạy hocso bằng một tài khoản thường",
        "en": "PostgreSQL cannot run as root and there is no {account!r} account: create it (`useradd --system {account}`) or run hocso as a normal user",
    },
    "hocso.error.postgres_timeout": {
        "vi": "{program} chưa chạy xong sau {seconds} giây: xem nhật ký {log}, rồi chạy lại lệnh",
        "en": "{program} did not finish in {seconds} s; see {log}",
    },
    "hocso.error.postgres_no_cluster": {
        "vi": "chưa có cụm PostgreSQL nào trong {folder}: hãy tạo và khởi động bằng `hocso db start`",
        "en": "no PostgreSQL cluster in {folder}: start one with `hocso db start`",
    },
    "hocso.error.postgres_folder_unreachable": {
        "vi": "tài khoản {account!r} chạy PostgreSQL không vào được thư mục {parent} (quyền {mode}): hãy chọn một thư mục tài khoản đó vào được, ví dụ `hocso db start --folder /srv/hocso/postgres`",
        "en": "the {account!r} account that runs PostgreSQL cannot enter {parent} (mode {mode}): choose a folder it can reach, e.g. `hocso db start --folder /srv/hocso/postgres`",
    },
    "hocso.error.initdb_failed": {
        "vi": "initdb không tạo được cụm PostgreSQL trong {data} (đã xoá phần tạo dở); đọc nhật ký bên dưới, sửa lỗi rồi chạy lại `hocso db start`. Nhật ký của initdb:\n{log}",
        "en": "initdb failed in {data}: {log}",
    },
    "hocso.error.postgres_not_started": {
        "vi": "PostgreSQL không khởi động được trong {folder} (cổng {port}); đọc nhật ký bên dưới, sửa lỗi rồi chạy lại `hocso db start`. Nhật ký của pg_ctl:\n{log}",
        "en": "PostgreSQL did not start in {folder} (port {port}): {log}",
    },
    "hocso.error.postgres_driver_missing": {
        "vi": "chưa cài trình điều khiển PostgreSQL cho Python: hãy chạy `pip install psycopg2-binary` (gói này có trong phần bổ sung `course` của hocso)",
        "en": "the PostgreSQL driver is not installed: `pip install psycopg2-binary` (it comes with hocso's `course` extra)",
    },
    "hocso.error.postgres_connect_failed": {
        "vi": "không kết nối được tới máy chủ PostgreSQL trong {folder}; thử `hocso db stop` rồi `hocso db start`. Lỗi của trình điều khiển: {detail}",
        "en": "cannot connect to the server in {folder}: {detail}",
    },
    "hocso.error.postgres_not_stopped": {
        "vi": "PostgreSQL trong {folder} không dừng được; đọc nhật ký bên dưới rồi chạy lại `hocso db stop`. Nhật ký của pg_ctl:\n{log}",
        "en": "PostgreSQL in {folder} did not stop: {log}",
    },
    # hocso db migrate (grading.classroom.migrate) and the course database (classroom.state)
    "hocso.error.migrate_no_sqlite": {
        "vi": "không có sổ điểm SQLite tại {path}: không có gì để chuyển",
        "en": "no SQLite gradebook at {path}: nothing to migrate",
    },
    "hocso.error.migrate_not_sqlite": {
        "vi": "sổ điểm của khoá học là {url}, không phải SQLite: `hocso db migrate` chỉ chuyển sổ điểm SQLite (hãy chạy lệnh mà không có --db-url)",
        "en": "the course's gradebook is {url}, not SQLite: `hocso db migrate` moves a SQLite gradebook (run it without --db-url)",
    },
    "hocso.error.migrate_target_sqlite": {
        "vi": "--to phải là một cơ sở dữ liệu khác (postgresql+psycopg2://…), không phải {url}",
        "en": "--to must be another database (postgresql+psycopg2://…), not {url}",
    },
    "hocso.error.migrate_driver_missing": {
        "vi": "không dùng được {url}: chưa cài trình điều khiển của nó ({driver}); hãy chạy `pip install psycopg2-binary`",
        "en": "cannot use {url}: its driver is not installed ({driver}); `pip install psycopg2-binary`",
    },
    "hocso.error.migrate_target_not_empty": {
        "vi": "cơ sở dữ liệu đích {target} đã có dữ liệu khác trong bảng {table!r} (ví dụ {sample}…): chưa chuyển gì. Hãy chuyển vào một cơ sở dữ liệu trống (ví dụ một thư mục mới của `hocso db start`); một đích đã chuyển trước đây mà điểm đã thay đổi từ đó sẽ không bị ghi đè",
        "en": "the target {target} already holds other data in table {table!r} (e.g. {sample}…): nothing was migrated. Migrate into an empty database (e.g. a new `hocso db start` folder); a target migrated earlier whose grades changed since is not overwritten",
    },
    "hocso.error.migrate_differs": {
        "vi": "bảng {table!r} sau khi chép vào {url} khác với bản gốc: đã hoàn tác, chưa chuyển gì; hãy chạy lại `hocso db migrate` vào một cơ sở dữ liệu trống",
        "en": "table {table!r} differs after the copy into {url}: rolled back, nothing migrated",
    },
    "hocso.error.migrate_failed": {
        "vi": "chuyển sang {url} không thành công, chưa chuyển gì. Lỗi của cơ sở dữ liệu: {detail}",
        "en": "migration to {url} failed, nothing migrated: {detail}",
    },
    "hocso.error.state_driver_missing": {
        "vi": "không mở được cơ sở dữ liệu của khoá học {url}: chưa cài trình điều khiển của nó ({driver}); với PostgreSQL, hãy chạy `pip install psycopg2-binary`",
        "en": "cannot open the course database {url}: its driver is not installed ({driver}); e.g. `pip install psycopg2-binary` for PostgreSQL",
    },
    "hocso.error.state_unusable": {
        "vi": "không dùng được cơ sở dữ liệu của khoá học {url}: hãy kiểm tra máy chủ đang chạy và địa chỉ đúng. Lỗi của cơ sở dữ liệu: {detail}",
        "en": "cannot use the course database {url}: {detail}",
    },
    # build, release, solutions, selfcheck
    "hocso.error.generate_failed": {
        "vi": "nbgrader không tạo được bản cho học viên của {assignment}; đọc nhật ký bên dưới, sửa notebook nguồn rồi chạy lại. Nhật ký của nbgrader:\n{log}",
        "en": "nbgrader could not generate {assignment}:\n{log}",
    },
    "hocso.error.learner_version_unsafe": {
        "vi": "{assignment}: bản cho học viên không an toàn (lộ lời giải hoặc bài kiểm tra ẩn) nên chưa được dùng; hãy sửa notebook nguồn ở các chỗ sau rồi chạy lại:\n  {problems}",
        "en": "{assignment}: the learner version is unsafe:\n  {problems}",
    },
    "hocso.error.reference_empty": {
        "vi": "{path}: các ô số liệu tham chiếu {refs} không in ra gì: hãy để mỗi ô in (print) số liệu của nó rồi chạy lại",
        "en": "{path}: reference cells {refs} printed nothing",
    },
    "hocso.error.learner_config_exists": {
        "vi": "{path} đã có sẵn và không do hocso viết nên không bị ghi đè; hãy tự thêm các dòng sau vào tệp đó:\n{lines}",
        "en": "{path} exists and was not written by hocso; add these lines to it yourself:\n{lines}",
    },
    "hocso.error.hidden_test_failed": {
        "vi": "{notebook}: {test}: một dòng của bài kiểm tra ẩn bị lỗi khi tạo bản cho học viên: {error}; hãy sửa dòng đó trong notebook nguồn",
        "en": "{notebook}: {test}: a hidden-test line failed at generate time: {error}",
    },
    # hocso demo
    "hocso.error.demo_no_written_answer": {
        "vi": "{assignment} không có câu trả lời viết nào để giảng viên chấm tay (cần một ô markdown chấm điểm có lời giải)",
        "en": "{assignment} has no written answer for the trainer to grade",
    },
    "hocso.error.demo_folder_not_empty": {
        "vi": "{folder} không trống: hãy cho một thư mục mới hoặc trống để chạy bản demo",
        "en": "{folder} is not empty: give a new or empty folder for the demo",
    },
    "hocso.error.demo_no_assignment": {
        "vi": "khoá học {course} không có bài {assignment} để chạy bản demo: hãy chọn khoá học có bài này bằng --course",
        "en": "{course} has no {assignment} to run the demo with",
    },
    # hocso workers (Dask)
    "hocso.error.workers_scheduler_choice": {
        "vi": "hãy cho biết bộ điều phối ở đâu, bằng đúng một trong hai: --scheduler-here (khởi động trên máy này) hoặc --scheduler ĐỊA_CHỈ (một bộ điều phối đã chạy ở máy khác)",
        "en": "say where the scheduler is: --scheduler-here (start it on this machine) or --scheduler ADDRESS (one started elsewhere), not both",
    },
    "hocso.error.workers_tls_incomplete": {
        "vi": "TLS cần đủ cả ba tuỳ chọn --tls-ca-file, --tls-cert và --tls-key",
        "en": "TLS needs all three of --tls-ca-file, --tls-cert and --tls-key",
    },
    "hocso.error.workers_count": {
        "vi": "--workers {count}: hãy cho số máy chấm từ 0 trở lên",
        "en": "--workers {count}: give 0 or more",
    },
    "hocso.error.workers_plain_scheduler": {
        "vi": "không mở bộ điều phối Dask trên {host} khi chưa có TLS: bộ điều phối chạy bất kỳ mã nào mà một máy khách kết nối tới gửi đến. Hãy cho --tls-ca-file, --tls-cert và --tls-key (chứng chỉ do CA của bạn cấp), hoặc, trong một mạng riêng có tường lửa ngăn với internet, dùng --plain-tcp-on-private-network",
        "en": "refusing to serve a Dask scheduler on {host} without TLS: a scheduler runs whatever code a connected client sends. Give --tls-ca-file, --tls-cert and --tls-key (certificates of your own CA), or, on a private network firewalled from the internet, --plain-tcp-on-private-network",
    },
    "hocso.error.workers_tls_scheduler": {
        "vi": "{scheduler} là bộ điều phối dùng TLS: hãy cho các chứng chỉ --tls-ca-file, --tls-cert và --tls-key",
        "en": "{scheduler} is a TLS scheduler: give --tls-* certificates",
    },
    "hocso.formgrader.after_solutions": {
        "vi": "nộp lúc {submitted}, sau khi đã phát lời giải ({released})",
        "en": "handed in at {submitted}, after the solutions went out ({released})",
    },
    "hocso.error.release_after_solutions": {
        "vi": "lời giải của {assignment} đã phát lúc {released}; hạn nộp {due} cho phép học viên nộp bài khi đã có lời giải. Ảnh hưởng ({count}): {who}. Chưa thay đổi gì; thêm --after-solutions nếu vẫn muốn đặt hạn này (bài nộp của họ khi đó được đánh dấu nộp sau lời giải và autograde cho 0 điểm phần chấm tự động, trừ khi dùng `--after-solutions-policy keep`)",
        "en": "the worked solution of {assignment} was released on {released}; a due date of {due} lets learners hand in work with the solution available. Affected ({count}): {who}. Nothing was changed; pass --after-solutions to set it anyway (their submissions are then flagged as after the solutions and autograde gives them 0 for the autograded points unless `--after-solutions-policy keep`)",
    },
    "hocso.error.release_due_past": {
        "vi": "hạn nộp {due} đã qua: học viên nộp là trễ ngay; hãy cho một hạn muộn hơn, hoặc thêm --force nếu đúng ý bạn",
        "en": "the due date {due} is in the past: learners would be late as soon as they submit; give a later date, or pass --force if you mean it",
    },
    "hocso.error.release_due_changes": {
        "vi": "hạn nộp {due} đổi trạng thái trễ hạn của {count} bài đã nộp của {assignment}; chưa thay đổi gì:\n  {changes}\nthêm --change-due để áp dụng (rồi chạy `hocso autograde {assignment} --force` để cập nhật điểm)",
        "en": "the due date {due} changes the lateness of {count} existing submission(s) of {assignment}; nothing was changed:\n  {changes}\npass --change-due to apply it (then `hocso autograde {assignment} --force` to update the grades)",
    },
    "hocso.error.release_failed": {
        "vi": "không phát được {assignment} vào thư mục trao đổi {exchange}:\n{log}",
        "en": "could not release {assignment} to the exchange {exchange}:\n{log}",
    },
    "hocso.error.never_released": {
        "vi": "{assignment} chưa từng được phát vào thư mục trao đổi {exchange}: hãy chạy `hocso release {assignment}` trước",
        "en": "{assignment} was never released to the exchange {exchange}: run `hocso release {assignment}` first",
    },
    "hocso.error.no_inbound": {
        "vi": "thư mục trao đổi không có thư mục nhận bài {inbound}: hãy phát bài lại (`hocso release`)",
        "en": "the exchange has no inbound folder {inbound}: release again",
    },
    "hocso.error.identity_mode": {
        "vi": "identity phải là một trong {choices}, không phải {value!r}",
        "en": "identity must be one of {choices}, not {value!r}",
    },
    "hocso.error.after_solutions_policy": {
        "vi": "--after-solutions-policy phải là một trong {choices}, không phải {value!r}",
        "en": "after_solutions_policy must be one of {choices}, not {value!r}",
    },
    "hocso.error.not_in_gradebook": {
        "vi": "{assignment} chưa có trong sổ điểm {gradebook}: hãy chạy `hocso release {assignment}` trước",
        "en": "{assignment} is not in the gradebook {gradebook}: run `hocso release {assignment}` first",
    },
    "hocso.error.feedback_not_in_gradebook": {
        "vi": "{assignment} chưa có trong sổ điểm {gradebook}: hãy chạy `hocso release {assignment}` "
        "rồi `hocso autograde {assignment}` trước",
        "en": "{assignment} is not in the gradebook {gradebook}: run `hocso release {assignment}` "
        "and `hocso autograde {assignment}` first",
    },
    "hocso.error.nothing_collected": {
        "vi": "chưa thu được bài nào của {assignment}{who}: {hint}",
        "en": "nothing collected for {assignment}{who}: {hint}",
    },
    "hocso.error.nothing_autograded": {
        "vi": "chưa chấm tự động bài nào của {assignment} ({count} bài đã thu): hãy chạy `hocso autograde {assignment}` trước",
        "en": "nothing autograded for {assignment} yet ({count} collected): run `hocso autograde {assignment}` first",
    },
    "hocso.error.hint_never_released": {
        "vi": "bài chưa từng được phát vào thư mục trao đổi này: hãy chạy `hocso release {assignment}` trước",
        "en": "it was never released to this exchange: run `hocso release {assignment}` first",
    },
    "hocso.error.hint_waiting": {
        "vi": "{count} bài nộp đang chờ trong thư mục trao đổi: hãy chạy `hocso collect {assignment}` trước",
        "en": "{count} submission(s) are waiting in the exchange: run `hocso collect {assignment}` first",
    },
    "hocso.error.hint_none_submitted": {
        "vi": "chưa học viên nào nộp bài này (học viên nộp ở bảng Bài tập của lớp trong JupyterLab)",
        "en": "no learner has submitted it yet (learners submit in JupyterLab's Assignments panel)",
    },
    "hocso.error.grades_which_notebook": {
        "vi": "{assignment} có các notebook {names}: hãy nói rõ notebook nào",
        "en": "{assignment} has notebooks {names}: say which one",
    },
    "hocso.error.grades_no_cell": {
        "vi": "không có điểm {cell} của {learner} trong {assignment}: {detail}",
        "en": "no grade {cell} of {learner} in {assignment}: {detail}",
    },
    "hocso.error.grades_out_of_range": {
        "vi": "{cell} được từ 0 đến {top} điểm, không phải {score}",
        "en": "{cell} is worth 0 to {top} points, not {score}",
    },
    "hocso.error.solutions_no_due": {
        "vi": "{assignment}: chưa đặt hạn nộp; lời giải chỉ phát sau hạn nộp (thêm --force để phát ngay)",
        "en": "{assignment}: no due date is set; solutions go out after the due date (use --force to release them now)",
    },
    "hocso.error.solutions_before_due": {
        "vi": "{assignment}: hạn nộp là {due}; lời giải chỉ phát sau hạn nộp (thêm --force để phát ngay)",
        "en": "{assignment}: it is due {due}; solutions go out after the due date (use --force to release them now)",
    },
    "hocso.error.roster_bad_id": {
        "vi": "mã {value!r} không hợp lệ: chỉ dùng chữ thường không dấu, chữ số, '-' hoặc '_', bắt đầu bằng chữ hoặc số",
        "en": "id {value!r} is not valid: use lowercase ASCII letters, digits, '-' or '_', starting with a letter or digit",
    },
    "hocso.error.roster_unknown": {
        "vi": "không có học viên {learner!r} trong danh sách lớp {course} (đang có: {ids})",
        "en": "no learner {learner!r} in the roster of {course} (enrolled: {ids})",
    },
    "hocso.error.roster_has_submissions": {
        "vi": "{learner} đã có bài nộp ({what}); chưa xoá gì. Thêm `--with-submissions` để xoá điểm của họ khỏi sổ điểm (thư mục bài được giữ ở {kept}), hoặc đổi mã bằng `hocso roster rename` nếu mã bị nhập sai",
        "en": "{learner} has submissions ({what}); nothing removed. Pass --with-submissions to delete their grades from the gradebook (their folders are kept in {kept}), or rename them with `hocso roster rename` if the id was wrong",
    },
    "hocso.error.roster_id_taken": {
        "vi": "mã {value!r} đã có trong danh sách lớp; chưa đổi gì",
        "en": "id {value!r} is already on the roster; nothing renamed",
    },
    "hocso.error.roster_target_exists": {
        "vi": "{target} đã có; chưa đổi gì",
        "en": "{target} already exists; nothing renamed",
    },
    "hocso.error.roster_unreadable": {
        "vi": "không đọc được danh sách lớp {path}: {detail}",
        "en": "cannot read the roster {path}: {detail}",
    },
    "hocso.error.roster_not_utf8": {
        "vi": "{path}: dòng {line} không phải văn bản UTF-8; trong Excel hãy chọn Tệp > Lưu thành > 'CSV UTF-8 (Comma delimited)'. Chưa nhập gì",
        "en": "{path}: line {line} is not UTF-8 text; in Excel use File > Save As > 'CSV UTF-8 (Comma delimited)', nothing imported",
    },
    "hocso.error.workspace_create": {
        "vi": "không tạo được thư mục làm bài {workspace}: {detail}",
        "en": "cannot create the workspace {workspace}: {detail}",
    },
    "hocso.error.workspace_manifest": {
        "vi": "{path} không đọc được ({detail}); hãy xoá tệp này để theo dõi lại từ đầu (notebook của bạn vẫn được giữ)",
        "en": "{path} is unreadable ({detail}); delete it to start tracking again (your notebooks are kept either way)",
    },
    "hocso.error.certificate_secret_unreadable": {
        "vi": "không đọc được khoá bí mật của chứng nhận {path}: {detail}; hãy khôi phục từ bản sao lưu (chứng nhận cấp bằng khoá khác sẽ không còn xác minh được)",
        "en": "cannot read the certificate secret {path}: {detail}; restore it from a backup (certificates issued with another secret no longer verify)",
    },
    "hocso.error.certificate_secret_short": {
        "vi": "khoá bí mật của chứng nhận {path} quá ngắn: hãy khôi phục từ bản sao lưu",
        "en": "the certificate secret {path} is too short: restore it from a backup",
    },
    "hocso.error.timeout_conflict": {
        "vi": "{source} đặt ExecutePreprocessor.timeout = {legacy} và Execute.timeout = {execute}; nbgrader chỉ dùng Execute.timeout. Hãy xoá dòng ExecutePreprocessor.timeout.",
        "en": "{source} sets ExecutePreprocessor.timeout = {legacy} and Execute.timeout = {execute}; nbgrader uses only Execute.timeout. Delete the ExecutePreprocessor.timeout line.",
    },
    "hocso.error.db_driver_missing": {
        "vi": "không mở được sổ điểm {gradebook}: chưa cài trình điều khiển cơ sở dữ liệu ({detail}); ví dụ `pip install psycopg2-binary` cho PostgreSQL",
        "en": "cannot open the gradebook {gradebook}: its database driver is not installed ({detail}); e.g. `pip install psycopg2-binary` for PostgreSQL",
    },
    "hocso.error.roster_refused": {
        "vi": "{where}: {count} lỗi, chưa nhập gì:\n{lines}",
        "en": "{where}: {count} problem(s), nothing imported:\n{lines}",
    },
    "hocso.error.roster_line": {
        "vi": "  dòng {line}: {message}",
        "en": "  line {line}: {message}",
    },
    "hocso.error.roster_unknown_column": {
        "vi": "cột lạ {name!r}; các cột dùng được: {expected}",
        "en": "unknown column {name!r}; expected {expected}",
    },
    "hocso.error.roster_column_twice": {
        "vi": "cột {column!r} xuất hiện hai lần",
        "en": "column {column!r} appears twice",
    },
    "hocso.error.roster_missing_column": {
        "vi": "thiếu cột {column!r} (dòng tiêu đề: {header})",
        "en": "missing column {column!r} (header: {header})",
    },
    "hocso.error.roster_empty_id": {
        "vi": "mã học viên bị trống",
        "en": "the id is empty",
    },
    "hocso.error.roster_bad_id_suggest": {
        "vi": "mã {value!r} không hợp lệ: chỉ dùng chữ thường không dấu, chữ số, '-' hoặc '_', bắt đầu bằng chữ hoặc số (ví dụ {suggestion!r})",
        "en": "id {value!r} is not valid: use lowercase ASCII letters, digits, '-' or '_', starting with a letter or digit (e.g. {suggestion!r})",
    },
    "hocso.error.roster_empty_name": {
        "vi": "họ và tên bị trống",
        "en": "the full name is empty",
    },
    "hocso.error.roster_bad_email": {
        "vi": "e-mail {value!r} không phải một địa chỉ",
        "en": "e-mail {value!r} is not an address",
    },
    "hocso.error.roster_too_long": {
        "vi": "{column} dài quá 128 ký tự",
        "en": "{column} is longer than 128 characters",
    },
    "hocso.error.roster_empty_file": {
        "vi": "tệp trống; cần một dòng tiêu đề: id,full_name,email,group (hoặc id,họ và tên,email,nhóm)",
        "en": "the file is empty; expected a header row: id,full_name,email,group",
    },
    "hocso.error.roster_too_many_values": {
        "vi": "{values} giá trị cho {columns} cột",
        "en": "{values} values for {columns} columns",
    },
    "hocso.error.roster_id_twice": {
        "vi": "mã {value!r} đã dùng ở dòng {first}",
        "en": "id {value!r} already used on line {first}",
    },
    "hocso.error.roster_unreadable_csv": {
        "vi": "CSV không đọc được: {detail}",
        "en": "unreadable CSV: {detail}",
    },
    "hocso.error.roster_no_learners": {
        "vi": "tệp không có học viên nào",
        "en": "no learners in the file",
    },
    "hocso.course.chosen": {"vi": "{root} (theo {where})", "en": "{root} (from {where})"},
    "hocso.course.from_cwd": {"vi": "thư mục hiện tại", "en": "the current folder"},
    "hocso.course.from_default": {
        "vi": "khoá học mặc định của kho mã",
        "en": "the repository's default course",
    },
    "hocso.error.no_assignment": {
        "vi": "không có bài {assignment!r} trong {parent}; các bài có: {known}",
        "en": "no assignment {assignment!r} in {parent}; assignments: {known}",
    },
    "hocso.error.due_unreadable": {
        "vi": "không đọc được hạn nộp {text!r} ({detail}); hãy viết ví dụ '01/03/2026 23:59' "
        "(ngày/tháng/năm), '1/3/2026' hoặc '2026-03-01 23:59'",
        "en": "cannot read the due date {text!r} ({detail}); write e.g. '01/03/2026 23:59' "
        "(day/month/year), '1/3/2026' or '2026-03-01 23:59'",
    },
    "hocso.error.due_bad_month": {
        "vi": "không đọc được hạn nộp {text!r}: không có tháng {month} (ngày viết trước: "
        "ngày/tháng/năm); hãy viết ví dụ '01/03/2026 23:59' (ngày/tháng/năm), '1/3/2026' "
        "hoặc '2026-03-01 23:59'",
        "en": "cannot read the due date {text!r}: month {month} does not exist (dates are day "
        "first: day/month/year); write e.g. '01/03/2026 23:59' (day/month/year), '1/3/2026' "
        "or '2026-03-01 23:59'",
    },
    "hocso.error.roster_move_failed": {
        "vi": "không chuyển được các tệp của học viên ({detail}); chưa thay đổi gì",
        "en": "could not move the learner's files ({detail}); nothing changed",
    },
    "hocso.error.roster_gradebook_refused": {
        "vi": "{path}: sổ điểm không nhận danh sách lớp, chưa nhập gì: {detail}",
        "en": "{path}: the gradebook refused the roster, nothing imported: {detail}",
    },
    "hocso.error.roster_exists": {
        "vi": "{target} đã có; chưa thay đổi gì",
        "en": "{target} already exists",
    },
    "hocso.error.roster_remove_failed": {
        "vi": "không xoá được {learner} khỏi sổ điểm ({detail}); chưa xoá gì",
        "en": "could not remove {learner} from the gradebook ({detail}); nothing removed",
    },
    "hocso.error.roster_rename_failed": {
        "vi": "không đổi được mã {learner} trong sổ điểm ({detail}); chưa đổi gì",
        "en": "could not rename {learner} in the gradebook ({detail}); nothing renamed",
    },
    "hocso.error.hub_exchange_unreadable": {
        "vi": 'không đọc được dịch vụ trao đổi bài của hub: {detail} (trong cửa sổ lệnh của giảng viên: eval "$(hocso hub --token-for <giảng-viên>)")',
        "en": 'cannot read the hub exchange: {detail} (in a trainer\'s shell: eval "$(hocso hub --token-for <trainer>)")',
    },
    "hocso.error.hub_collect_failed": {
        "vi": "không thu được {assignment} từ {url}: {detail}",
        "en": "could not collect {assignment} from {url}: {detail}",
    },
    "hocso.error.scheduler_needs_sandbox": {
        "vi": "--scheduler cần bộ chạy có sandbox: đặt c.Autograde.autograde_preprocessors = AUTOGRADE_PREPROCESSORS trong nbgrader_config.py (grading.executor.preprocessor)",
        "en": "--scheduler needs the sandboxed executor: set c.Autograde.autograde_preprocessors = AUTOGRADE_PREPROCESSORS in nbgrader_config.py (grading.executor.preprocessor)",
    },
    "hocso.error.scheduler_needs_dask": {
        "vi": "--scheduler cần Dask distributed (chưa cài {detail}): chạy pip install -e '.[cluster]' trên máy giảng viên và các máy chấm",
        "en": "--scheduler needs Dask distributed ({detail} is not installed): pip install -e '.[cluster]' on the trainer's and the grading machines",
    },
    "hocso.error.scheduler_needs_tls": {
        "vi": "{scheduler} là bộ điều phối dùng TLS: hãy đưa chứng chỉ của máy giảng viên, do CA của "
        "cụm máy chấm ký (--tls-ca-file, --tls-cert và --tls-key)",
        "en": "{scheduler} is a TLS scheduler: give the trainer's certificate, signed by the "
        "cluster's CA (--tls-ca-file, --tls-cert and --tls-key)",
    },
    "hocso.error.scheduler_unreachable": {
        "vi": "không kết nối được bộ điều phối Dask {scheduler}: {detail}. Hãy khởi động bằng `hocso workers` (hoặc cho đúng địa chỉ bằng --scheduler)",
        "en": "cannot reach the Dask scheduler {scheduler}: {detail}. Start it with `hocso workers` (or give the right address with --scheduler)",
    },
    "hocso.error.gradebook_locked": {
        "vi": "sổ điểm {path} đang bị một chương trình khác khoá ({detail}): "
        "hãy chờ lệnh hocso hoặc Formgrader kia chạy xong rồi chạy lại lệnh này",
        "en": "the gradebook {path} is locked by another program ({detail}): "
        "wait for the other hocso command or Formgrader to finish, then run this again",
    },
    "hocso.error.gradebook_damaged": {
        "vi": "sổ điểm {path} bị hỏng hoặc không phải sổ điểm ({detail}): hãy khôi phục bản sao "
        "lưu (cp {path}.bak {path}, nếu có) hoặc kiểm tra nó bằng "
        "`sqlite3 {path} 'PRAGMA integrity_check'`",
        "en": "the gradebook {path} is damaged or not a gradebook ({detail}): restore its backup "
        "(cp {path}.bak {path}, if you keep one) or check it with "
        "`sqlite3 {path} 'PRAGMA integrity_check'`",
    },
    "hocso.error.gradebook_unreachable": {
        "vi": "không dùng được cơ sở dữ liệu sổ điểm {url} ({detail}): hãy kiểm tra máy chủ cơ sở "
        "dữ liệu đang chạy và địa chỉ (--db-url, $HOCSO_DB_URL) là đúng",
        "en": "cannot use the gradebook database {url} ({detail}): check that the database "
        "server is running and that the URL (--db-url, $HOCSO_DB_URL) is right",
    },
    "hocso.error.autograde_failed": {
        "vi": "hocso autograde: {count} bài không chấm được (xem cột ghi chú)",
        "en": "hocso autograde: {count} submission(s) could not be graded (see notes)",
    },
    "hocso.error.feedback_leak": {
        "vi": "hocso feedback: đã giữ lại nhận xét vì nó để lộ bài kiểm tra ẩn (xem ghi chú)",
        "en": "hocso feedback: feedback withheld, it showed hidden tests (see notes)",
    },
    "hocso.error.feedback_failed": {
        "vi": "hocso feedback: {count} bài lỗi (xem ghi chú)",
        "en": "hocso feedback: {count} failed (see notes)",
    },
    "hocso.error.demo_scores": {
        "vi": "điểm khác với thiết kế ở: {learners}",
        "en": "scores differ from the design for: {learners}",
    },
    "hocso.error.not_valid": {
        "vi": "{code} KHÔNG hợp lệ: {reason}",
        "en": "{code} is NOT valid: {reason}",
    },
    "hocso.cli.course": {"vi": "hocso: khoá học {course}", "en": "hocso: course {course}"},
    # build, lab
    "hocso.cli.built": {
        "vi": "đã tạo và kiểm tra {count} bài tập: không lộ lời giải hay bài kiểm tra ẩn nào",
        "en": "built and validated {count} assignment(s): no solution or hidden test leaked",
    },
    # roster
    "hocso.cli.roster_imported": {
        "vi": "đã nhập {count} học viên: {added} thêm mới, {updated} cập nhật, "
        "{unchanged} không đổi",
        "en": "imported {count} learner(s): {added} added, {updated} updated, "
        "{unchanged} unchanged",
    },
    "hocso.cli.roster_kept_columns": {
        "vi": "các cột không có trong tệp được giữ nguyên: {columns}",
        "en": "columns not in the file, kept as they were: {columns}",
    },
    "hocso.cli.roster_removed": {
        "vi": "đã xoá {learner} khỏi danh sách",
        "en": "removed {learner} from the roster",
    },
    "hocso.cli.roster_removed_grades": {
        "vi": "đã xoá điểm của họ ở: {assignments}",
        "en": "deleted their grades of: {assignments}",
    },
    "hocso.cli.roster_removed_moved": {
        "vi": "{count} thư mục/tệp của họ được cất vào .hocso/removed/",
        "en": "their {count} folder(s)/file(s) were set aside in .hocso/removed/",
    },
    "hocso.cli.roster_renamed": {
        "vi": "đã đổi mã {learner} thành {new}: {submissions} bài đã chấm và {moved} "
        "thư mục/tệp được chuyển theo",
        "en": "renamed {learner} to {new}: {submissions} graded submission(s) and {moved} "
        "folder(s)/file(s) moved with them",
    },
    "hocso.cli.roster_shown": {
        "vi": "{count} học viên trong danh sách",
        "en": "{count} learner(s) enrolled",
    },
    # release, solutions
    "hocso.cli.lateness_changed": {
        "vi": "đổi trạng thái muộn: {change}",
        "en": "lateness changed: {change}",
    },
    "hocso.cli.regrade_after_due": {
        "vi": "hãy chạy `hocso autograde {assignment} --force` để cập nhật điểm của họ",
        "en": "run `hocso autograde {assignment} --force` to update their grades",
    },
    "hocso.cli.released": {
        "vi": "đã phát {assignment}: học viên nhận bài trong JupyterLab, menu Nbgrader > "
        "Bài tập của lớp",
        "en": "released {assignment}: learners fetch it in JupyterLab, menu Nbgrader > "
        "`Bài tập của lớp` (Assignments)",
    },
    "hocso.cli.learner_config": {
        "vi": "đã ghi {path} (để JupyterLab ở đó biết thư mục trao đổi)",
        "en": "wrote {path} (tells a JupyterLab there where the exchange is)",
    },
    "hocso.cli.wrote": {"vi": "đã ghi {path}", "en": "wrote {path}"},
    "hocso.cli.kept": {
        "vi": "giữ nguyên {path} (đã có; không bao giờ ghi đè)",
        "en": "kept {path} (already there; never overwritten)",
    },
    "hocso.cli.solutions_workspace": {
        "vi": "đã phát lời giải của {assignment} vào thư mục làm bài",
        "en": "released the worked solution of {assignment} to the workspace",
    },
    "hocso.cli.solutions_exchange": {
        "vi": "đã phát lời giải của {assignment} vào thư mục trao đổi: học viên nhận nó ở "
        "thẻ Bài tập",
        "en": "released the worked solution of {assignment} to the exchange: learners fetch "
        "it from the Assignments tab",
    },
    # collect
    "hocso.cli.collected": {
        "vi": "đã thu {count} bài nộp của {assignment} ({new} mới hoặc cập nhật)",
        "en": "collected {count} submission(s) of {assignment} ({new} new or updated)",
    },
    "hocso.cli.not_submitted": {
        "vi": "{count} học viên chưa nộp: {learners}",
        "en": "no submission yet from {count}: {learners}",
    },
    "hocso.cli.not_on_roster": {
        "vi": "cảnh báo: không có trong danh sách (hãy kiểm tra mã họ đã dùng): {learners}",
        "en": "warning: not on the roster (check the id they used): {learners}",
    },
    "hocso.cli.skipped": {"vi": "bỏ qua {folder}: {reason}", "en": "skipped {folder}: {reason}"},
    "hocso.cli.token_convenience": {
        "vi": "lưu ý: mã nộp bài trên một tài khoản máy dùng chung chỉ để tiện, không bảo mật "
        "(xem README); lớp cần danh tính thật thì dùng hocso hub",
        "en": "note: shared-account tokens are a convenience, not security (see README); "
        "for real identity use hocso hub",
    },
    "hocso.cli.unverified": {
        "vi": "lưu ý: chưa xác minh người nộp (chưa cấp mã, check_owner tắt)",
        "en": "note: submitters not verified (no tokens issued, check_owner off)",
    },
    # autograde
    "hocso.cli.note_restored": {
        "vi": "đã đặt lại ô kiểm tra bị xoá: {cells}",
        "en": "deleted test cells put back: {cells}",
    },
    "hocso.cli.note_tampered": {
        "vi": "đã thay lại ô khoá bị sửa: {cells}",
        "en": "edited locked cells replaced: {cells}",
    },
    "hocso.cli.note_manual": {
        "vi": "còn câu tự luận cần chấm tay",
        "en": "written answers to grade",
    },
    "hocso.cli.autograded": {
        "vi": "{assignment}: {graded} đã chấm, {unchanged} không đổi (dùng --force để chấm "
        "lại), {failed} lỗi",
        "en": "{assignment}: {graded} graded, {unchanged} unchanged (use --force to regrade), "
        "{failed} failed",
    },
    "hocso.cli.per_submission": {
        "vi": "; {seconds} giây mỗi bài",
        "en": "; {seconds} s per submission",
    },
    # feedback
    "hocso.cli.feedback_returned": {
        "vi": "{assignment}: đã trả nhận xét cho {released} học viên, {waiting} bài chờ chấm "
        "tay; không lộ bài kiểm tra ẩn nào",
        "en": "{assignment}: feedback returned to {released} learner(s), {waiting} waiting for "
        "manual grading; no hidden test shown",
    },
    # grades, status
    "hocso.cli.grades_written": {
        "vi": "đã ghi {count} dòng vào {path}",
        "en": "wrote {count} row(s) to {path}",
    },
    "hocso.cli.status_course": {"vi": "khoá học:  {value}", "en": "course:    {value}"},
    "hocso.cli.status_gradebook": {"vi": "sổ điểm:   {value}", "en": "gradebook: {value}"},
    "hocso.cli.status_exchange": {"vi": "trao đổi:  {value}", "en": "exchange:  {value}"},
    "hocso.cli.status_learners": {
        "vi": "học viên:  {count} trong danh sách",
        "en": "learners:  {count} enrolled",
    },
    "hocso.next.release": {"vi": "hocso release {assignment}", "en": "hocso release {assignment}"},
    "hocso.next.collect": {"vi": "hocso collect {assignment}", "en": "hocso collect {assignment}"},
    "hocso.next.autograde": {
        "vi": "hocso autograde {assignment}",
        "en": "hocso autograde {assignment}",
    },
    "hocso.next.check_failed": {
        "vi": "xem các bài lỗi: hocso autograde {assignment}",
        "en": "check the failed submissions: hocso autograde {assignment}",
    },
    "hocso.next.manual": {
        "vi": "chấm các câu tự luận trong Formgrader",
        "en": "grade the written answers in Formgrader",
    },
    "hocso.next.feedback": {
        "vi": "hocso feedback {assignment}",
        "en": "hocso feedback {assignment}",
    },
    "hocso.next.grades": {
        "vi": "hocso grades --out grades.csv",
        "en": "hocso grades --out grades.csv",
    },
    "hocso.note.run_autograde": {"vi": "chạy hocso autograde", "en": "run hocso autograde"},
    "hocso.note.after_solutions": {
        "vi": "nộp sau khi đã phát lời giải",
        "en": "submitted after the solutions were released",
    },
    "hocso.next.wait": {"vi": "chờ học viên nộp bài", "en": "wait for submissions"},
    # demo
    "hocso.cli.demo_summary": {
        "vi": "lớp mẫu: {learners} học viên, {runs} bài được chấm tự động, {each} giây mỗi bài; "
        "cả chu trình {total} giây",
        "en": "demo cohort: {learners} learners, {runs} submissions autograded in {each} s "
        "each; whole cycle {total} s",
    },
    "hocso.cli.demo_folder": {"vi": "thư mục:  {path}", "en": "folder:   {path}"},
    "hocso.cli.demo_grades": {"vi": "bảng điểm: {path}", "en": "grades:   {path}"},
    "hocso.cli.demo_feedback": {"vi": "nhận xét: {path}", "en": "feedback: {path}"},
    "hocso.cli.demo_ok": {
        "vi": "mọi học viên đều được đúng điểm thiết kế",
        "en": "every learner got the designed score",
    },
    # report, certificates, verify
    "hocso.cli.report_html": {"vi": "báo cáo: {path}", "en": "report: {path}"},
    "hocso.cli.report_excel": {"vi": "excel:   {path}", "en": "excel:  {path}"},
    "hocso.cli.report_csv": {
        "vi": "csv:     {count} tệp trong {folder}",
        "en": "csv:    {count} file(s) in {folder}",
    },
    "hocso.cli.report_summary": {
        "vi": "{learners} học viên, {at_risk} cần hỗ trợ (xem đầu báo cáo)",
        "en": "{learners} learner(s), {at_risk} need support (see the top of the report)",
    },
    "hocso.cli.not_eligible": {"vi": "chưa đủ điều kiện: {why}", "en": "not eligible: {why}"},
    "hocso.cli.certificates": {
        "vi": "đã ghi {count} chứng nhận vào {folder}; điều kiện: {rule}",
        "en": "{count} certificate(s) written to {folder}; rule: {rule}",
    },
    "hocso.cli.verify_learner": {
        "vi": "học viên: {learner} ({name})",
        "en": "learner:  {learner} ({name})",
    },
    "hocso.cli.verify_course": {
        "vi": "khoá học: {title} ({course}), cấp ngày {issued}",
        "en": "course:   {title} ({course}), issued {issued}",
    },
    "hocso.cli.verify_score": {
        "vi": "điểm:     {percent} %; kỹ năng: {skills}",
        "en": "score:    {percent} %; skills: {skills}",
    },
    "hocso.cli.verify_valid": {
        "vi": "hợp lệ: chứng nhận này khớp với sổ điểm",
        "en": "valid: this certificate matches the gradebook",
    },
}

#: Words of CLI tables (headers and status words), English -> Vietnamese.
WORDS: dict[str, str] = {
    "assignment": "bài tập",
    "notebooks": "số notebook",
    "graded cells": "ô chấm điểm",
    "points": "điểm tối đa",
    "files": "tệp",
    "count": "số lượng",
    "id": "mã",
    "full name": "họ và tên",
    "group": "nhóm",
    "email": "email",
    "roster": "danh sách",
    "field": "thông tin",
    "before": "trước",
    "after": "sau",
    "due": "hạn nộp",
    "exchange folder": "thư mục trao đổi",
    "learner": "học viên",
    "submitted at": "nộp lúc",
    "late": "muộn",
    "collected": "đã thu",
    "autograde": "chấm tự động",
    "score": "điểm",
    "notes": "ghi chú",
    "feedback": "nhận xét",
    "status": "trạng thái",
    "released": "đã phát",
    "to collect": "chờ thu",
    "graded": "đã chấm",
    "needs manual grading": "chờ chấm tay",
    "autograde failed": "chấm tự động lỗi",
    "not graded yet": "chưa chấm",
    "not submitted": "chưa nộp",
    "not released": "chưa phát",
    "failed": "lỗi",
    "manual": "chờ chấm tay",
    "next step": "bước tiếp theo",
    "situation": "tình huống",
    "designed": "điểm thiết kế",
    "check": "kiểm tra",
    "added": "thêm mới",
    "updated": "cập nhật",
    "unchanged": "không đổi",
    "new": "mới",
    "yes": "có",
    "no": "không",
    "built": "đã tạo",
    "waiting": "đang chờ",
    "withheld": "giữ lại",
    "NOT ON ROSTER": "KHÔNG CÓ TRONG DANH SÁCH",
    "full_name": "họ và tên",
    "verification code": "mã xác minh",
    "pdf": "pdf",
    "DIFFERENT": "KHÁC",
    "ok": "đúng",
    "received": "đã nhận",
    "not returned": "chưa trả",
}


def _word_key(text: str) -> str:
    return "hocso.word." + text.replace(" ", "-")


register(MESSAGES)
register({_word_key(en): {"vi": vi, "en": en} for en, vi in WORDS.items()})


def say(key: str, /, *, lang: str | None = None, **fields: object) -> str:
    """The message ``key`` in the trainer's language (:func:`toolkit.i18n.t`)."""
    return t(key, lang=lang, **fields)


def word(text: str, /, *, lang: str | None = None) -> str:
    """A word of a CLI table in the trainer's language; any other text unchanged."""
    if text not in WORDS:
        return text
    return t(_word_key(text), lang=lang or current_language())
