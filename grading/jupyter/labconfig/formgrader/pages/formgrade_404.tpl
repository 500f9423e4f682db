{#- hocso: the grading page of a submission whose notebook is missing (nbgrader 0.9's own
    page imports a macro file it does not ship, and fails with a server error) -#}
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8" />
<title>{{ resources.notebook_id }}: submission not found</title>
<link rel="stylesheet" href="{{ resources.base_url }}/formgrader/static/node_modules/bootstrap/dist/css/bootstrap.min.css" />
</head>
<body>
  <div class="container">
    <ol class="breadcrumb">
      <li><a href="{{ resources.base_url }}/formgrader/gradebook">Manual Grading</a></li>
      <li><a href="{{ resources.base_url }}/formgrader/gradebook/{{ resources.assignment_id }}">{{ resources.assignment_id }}</a></li>
      <li><a href="{{ resources.base_url }}/formgrader/gradebook/{{ resources.assignment_id }}/{{ resources.notebook_id }}">{{ resources.notebook_id }}</a></li>
      <li class="active">Submission {{ resources.index + 1 }} / {{ resources.total }}</li>
    </ol>
    <div class="alert alert-danger">
      The submitted notebook <code>{{ resources.filename }}</code> of
      <code>{{ resources.student }}</code> is missing. Run
      <code>hocso autograde {{ resources.assignment_id }} --force</code>, then open this page again.
    </div>
  </div>
</body>
</html>
