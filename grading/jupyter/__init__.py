"""JupyterLab for learners and trainers: ``hocso lab`` and the lab's
Vietnamese configuration and extension."""
