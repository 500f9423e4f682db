{#- hocso: nbgrader's page with the instructions in Vietnamese -#}
{%- extends 'nbgrader/manage_submissions.tpl' -%}
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
        <p>
          Bấm biểu tượng ở cột «Chấm tự động» để chấm lại một bài nộp. Chấm cả lớp một lần
          (trong sandbox, có thanh tiến độ) bằng lệnh:
        </p>
        <pre>cd "{{ course_dir }}"
hocso autograde "{{ assignment_id }}"</pre>
        <p>Bài nộp sau khi đã phát lời giải được đánh dấu đỏ ở cột «Trạng thái», kèm lý do.</p>
      </div>
    </div>
  </div>
</div>
{%- endblock -%}
