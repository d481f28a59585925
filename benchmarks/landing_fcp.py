"""First contentful paint of /w/<code> on emulated slow 3G, first and repeat visit.

    .venv/bin/python benchmarks/landing_fcp.py http://127.0.0.1:5610 CODE [RUNS]

Chromium (Debian's, through Playwright) at 360 x 740 with the DevTools protocol's network
emulation: 400 ms latency, 400 kbit/s down and up. A first visit starts from an empty cache;
the repeat visit opens the page again in the same browser context, so the stylesheet and
script come from the cache (their URLs are content-hashed and immutable) and the page itself
is revalidated with its ETag. Prints the median of RUNS (default 5) of each.
"""

import statistics
import sys

from playwright.sync_api import sync_playwright

SLOW_3G = {"offline": False, "latency": 400, "downloadThroughput": 400_000 / 8,
           "uploadThroughput": 400_000 / 8}  # fmt: skip
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
FCP = """() => new Promise(done => new PerformanceObserver((list, observer) => {
  const entry = list.getEntriesByName('first-contentful-paint')[0];
  if (entry) { observer.disconnect(); done(entry.startTime); }
}).observe({type: 'paint', buffered: true}))"""


def visit_twice(browser, url):
    """(first visit FCP, repeat visit FCP) in milliseconds, in a fresh context."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="zh-CN")
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", SLOW_3G)
    figures = []
    for _ in range(2):
        page.goto(url, wait_until="load")
        figures.append(page.evaluate(FCP))
    context.close()
    return figures


def main(base, code, runs=5):
    """Measure and print."""
    url = f"{base.rstrip('/')}/w/{code}"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        results = [visit_twice(browser, url) for _ in range(runs)]
        browser.close()
    first, repeat = (statistics.median(column) for column in zip(*results, strict=True))
    print(f"{url}: first visit FCP {first:.0f} ms, repeat visit FCP {repeat:.0f} ms "
          f"(median of {runs}; all: {results})")  # fmt: skip


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], *(int(a) for a in sys.argv[3:4]))
