"""Shared text forms: folding, normalising and chat abbreviations.

A neutral leaf: the safety screen, the NLU and the directory all read text the same way, and
none of them has to import another for it. Imports nothing of the project.
"""
