"""Checks on a page open in the browser."""

# A data table may scroll inside its own box (WCAG 1.4.10 exempts two-dimensional content);
# what it holds is not the page scrolling sideways.
WIDER_THAN_SCREEN = """() => [...document.body.querySelectorAll('*')]
  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .filter(e => !(e.parentElement && e.parentElement.closest('.scroll-x')))
  .map(e => `${e.tagName.toLowerCase()}.${e.className}: ${e.getBoundingClientRect().right}px`)"""


def sideways(page):
    """The elements that stick out of the screen's width (a phone page must not scroll sideways)."""
    return page.evaluate(WIDER_THAN_SCREEN)


FIRST_SCREEN_TEXT = """() => {
  const seen = [], walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    const box = el.getBoundingClientRect();
    if (!node.textContent.trim() || box.top >= innerHeight || box.bottom <= 0) continue;
    seen.push({size: parseFloat(getComputedStyle(el).fontSize),
               headline: !!el.closest('.verdict-headline'), text: node.textContent.trim()});
  }
  return seen;
}"""


def first_screen_text(page):
    """Every piece of text visible without scrolling, with its font size in px."""
    return page.evaluate(FIRST_SCREEN_TEXT)


def bottom_of(page, selector):
    """Where the first element matching ``selector`` ends, in px from the top of the page."""
    return page.locator(selector).first.evaluate("e => e.getBoundingClientRect().bottom")
