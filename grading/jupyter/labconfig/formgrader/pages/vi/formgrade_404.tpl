{#- hocso: the grading page of a submission whose notebook is missing (nbgrader 0.9's own
    page imports a macro file it does not ship, and fails with a server error) -#}
<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8" />
<title>{{ resources.notebook_id }}: không thấy bài nộp</title>
<link rel="stylesheet" href="{{ resources.base_url }}/formgrader/static/node_modules/bootstrap/dist/css/bootstrap.min.css" />
</head>
<body>
  <div class="container">
    <ol class="breadcrumb">
      <li><a href="{{ resources.base_url }}/formgrader/gradebook">Chấm tay</a></li>
      <li><a href="{{ resources.base_url }}/formgrader/gradebook/{{ resources.assignment_id }}">{{ resources.assignment_id }}</a></li>
      <li><a href="{{ resources.base_url }}/formgrader/gradebook/{{ resources.assignment_id }}/{{ resources.notebook_id }}">{{ resources.notebook_id }}</a></li>
      <li class="active">Bài nộp {{ resources.index + 1 }} / {{ resources.total }}</li>
    </ol>
    <div class="alert alert-danger">
      Không thấy tệp bài nộp <code>{{ resources.filename }}</code> của học viên
      <code>{{ resources.student }}</code>. Hãy chạy lại
      <code>hocso autograde {{ resources.assignment_id }} --force</code> rồi mở lại trang này.
    </div>
  </div>
</body>
</html>
