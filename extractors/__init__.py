"""Reading plan documents and extracting values from them: pure functions, no I/O beyond reading the input file."""

EXTRACTOR_VERSION = "0.5.0"
