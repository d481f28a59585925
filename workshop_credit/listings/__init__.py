"""Red and black lists: who may see a listing, and its publication workflow."""
