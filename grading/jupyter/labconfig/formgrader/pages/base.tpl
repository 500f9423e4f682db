{#- hocso: nbgrader's page unchanged, then our script (labels in the trainer's language,
    learners family-name first, submissions after the solutions flagged) -#}
{%- extends 'nbgrader/base.tpl' -%}
{%- block script -%}
{{ super() }}
<style>.hocso-flag{margin-top:2px}.hocso-flag-reason{font-size:85%;color:#a94442;white-space:normal}</style>
<script src="{{ base_url }}/hocso/formgrader.js"></script>
{%- endblock -%}
