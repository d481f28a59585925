"""The admin blueprint: staff pages, moderation and publishing."""
