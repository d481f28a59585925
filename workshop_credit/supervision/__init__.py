"""The plan's supervision tools: risk-based inspection, random draws, follow-up sampling, referrals and training."""
