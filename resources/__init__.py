"""Data files of TCP Trainer (scenarios, exercises, schemas, translations, icons).

Installed as the package ``trainer_resources``; look files up with
``trainer.resources.resource_path(...)``, never by path relative to the source tree.
"""
