"""Checks on a page open in the browser."""

WIDER_THAN_SCREEN = """() => [...document.body.querySelectorAll('*')]
  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .map(e => `${e.tagName.toLowerCase()}.${e.className}: ${e.getBoundingClientRect().right}px`)"""


def sideways(page):
    """The elements that stick out of the screen's width (a phone page must not scroll sideways)."""
    return page.evaluate(WIDER_THAN_SCREEN)
