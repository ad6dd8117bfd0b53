"""What derives from stored records: the comparison tables (``tables``), verdicts against the
national targets (``verdict``), cross-checks of news and summaries (``crosscheck``), coverage
of the country (``coverage``), evaluation scores (``scoring``) and corrections (``corrections``).

Pure functions of records and program files: no file, no database, no Prefect
(import-linter contracts in pyproject.toml; tests/test_imports.py checks no file is read or
written). ``flows/`` stores, reads and writes around them.
"""
