"""The page cache: one bounded store per kind of page."""

from workshop_credit.page_cache import page_cache


def test_many_different_searches_do_not_push_landing_pages_out(app_factory):
    app = app_factory(PAGE_CACHE_SIZE=2)
    rendered = []

    def render(name):
        def make():
            rendered.append(name)
            return name.encode()

        return make

    with app.app_context():
        page_cache.get_or_render(("w", "LANDING"), render("landing"))
        for n in range(5):
            page_cache.get_or_render(("search", n), render(f"search {n}"))
        again = page_cache.get_or_render(("w", "LANDING"), render("landing"))
        oldest = page_cache.get_or_render(("search", 0), render("search 0"))
    assert again == b"landing" and rendered.count("landing") == 1
    assert oldest == b"search 0" and rendered.count("search 0") == 2  # its own store is full
