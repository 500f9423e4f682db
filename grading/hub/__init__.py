"""JupyterHub for a class: ``hocso hub`` (accounts, login, spawner, configuration)."""
