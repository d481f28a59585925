"""Staff accounts: sign-in, second factor, passwords, four eyes and the audit trail."""
