# The learner's and trainer's server: JupyterLab in Vietnamese, nbgrader, toolkit, hocso.
# Build from the repository root: docker build -f deploy/images/lab.Dockerfile -t registry.example.vn/hocso/lab:2026.12 .
FROM quay.io/jupyter/minimal-notebook:2026-11-30
USER root
COPY . /opt/hocso
RUN pip install --no-cache-dir "/opt/hocso[course]" \
 && jupyter server extension enable --sys-prefix nbgrader.server_extensions.formgrader
USER ${NB_UID}
ENV HOCSO_LANG=vi
