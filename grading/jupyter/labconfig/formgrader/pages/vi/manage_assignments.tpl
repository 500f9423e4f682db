{#- hocso: nbgrader's page with the instructions in Vietnamese (the hocso commands of the README) -#}
{%- extends 'nbgrader/manage_assignments.tpl' -%}
{%- block messages -%}
<div class="panel-group" id="accordion" role="tablist" aria-multiselectable="true">
  <div class="panel panel-default">
    <div class="panel-heading" role="tab" id="headingOne">
      <h4 class="panel-title">
        <a class="collapsed" role="button" data-toggle="collapse" data-parent="#accordion" href="#collapseOne" aria-expanded="false" aria-controls="collapseOne">
          Hướng dẫn (bấm để mở)
        </a>
      </h4>
    </div>
    <div id="collapseOne" class="panel-collapse collapse" role="tabpanel" aria-labelledby="headingOne">
      <div class="panel-body">
        <p>Lớp học chạy bằng các lệnh <code>hocso</code> trong cửa sổ dòng lệnh (xem README); trang này cho xem và chấm:</p>
        <ol>
          <li><b>Phát bài</b> cho lớp: <code>hocso release &lt;bài&gt; --due "20/12/2026 23:59"</code> (giờ Việt Nam, ngày trước).</li>
          <li><b>Thu bài</b> và <b>chấm tự động</b>: <code>hocso collect &lt;bài&gt;</code> rồi <code>hocso autograde &lt;bài&gt;</code>.</li>
          <li><b>Chấm tay</b> câu trả lời viết: mục «Chấm tay» bên trái, chọn bài, rồi từng bài nộp.</li>
          <li><b>Gửi nhận xét</b>: <code>hocso feedback &lt;bài&gt;</code>; xem điểm cả lớp: <code>hocso grades</code>.</li>
          <li>Bấm vào số bài nộp của một bài để xem từng học viên; bài nộp sau khi đã phát lời giải được đánh dấu đỏ kèm lý do.</li>
        </ol>
      </div>
    </div>
  </div>
</div>
{% if windows %}
<div class="alert alert-warning" id="warning-windows">
Máy Windows: nút «Phát bài» và «Thu bài» không dùng được ở đây; hãy dùng <code>hocso release</code> và <code>hocso collect</code>.
</div>
{% elif exchange_missing %}
<div class="alert alert-warning" id="warning-exchange">
Thư mục trao đổi bài <code>{{ exchange }}</code> không có và không tạo được: nút «Phát bài» và «Thu bài» không dùng được.
Hãy kiểm tra <code>--exchange</code> / <code>HOCSO_EXCHANGE</code> rồi mở lại bằng <code>hocso formgrader</code>.
</div>
{% elif not course_id %}
<div class="alert alert-warning" id="warning-course-id">
Khoá học chưa có mã (<code>course_id</code> trong <code>nbgrader_config.py</code>): nút «Phát bài» và «Thu bài» không dùng được.
Hãy mở Formgrader bằng <code>hocso formgrader</code>.
</div>
{% endif %}
{%- endblock -%}
