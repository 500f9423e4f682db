# The hub image: Zero to JupyterHub's hub + hocso (the code authenticator, the exchange service).
# Build from the repository root: docker build -f deploy/images/hub.Dockerfile -t registry.example.vn/hocso/hub:2026.12 .
FROM quay.io/jupyterhub/k8s-hub:4.2.0
USER root
COPY . /opt/hocso
RUN pip install --no-cache-dir "/opt/hocso[course]" psycopg2-binary
USER jovyan
