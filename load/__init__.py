"""Locust load profiles of the election-opening peak (one file per profile)."""
