"""Cutting a release: comparing a build with the previous release, the bump the version policy
requires, the files generated from the models and metadata (CITATION.cff, docs/CODEBOOK.md, the
schema fingerprints), and the checks on the built sdist and wheel. ``build/release.py`` is the CLI.
"""
