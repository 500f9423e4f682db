"""The exchange and identity: who handed a submission in, and when."""
