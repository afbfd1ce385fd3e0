"""Referral flows: YAML conversations community workers write, run through the core as tests."""
