"""Prefect flows, the command line and storage: the side effects of kehoach."""
