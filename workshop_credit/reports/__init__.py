"""Citizens' tip-offs: filing, receipts, photos, moderation and rewards."""
