"""Photos near the pixel limit: a worker decoding a whole form stays under 300 MB extra.

Each form is decoded in a fresh Python process that reports how far its peak resident memory
(VmHWM) rose above what it used just before validating. Pillow's pixel buffers are not seen by
tracemalloc, so resident memory is what is measured; ``ru_maxrss`` would not do, since Linux
carries the forking parent's peak over into it.
"""

import json
import subprocess
import sys

import pytest
from PIL import Image

EXTRA_LIMIT_MB = 300
NEAR_LIMIT = (6324, 6324)  # 39.99 million pixels, just under the 40 million accepted

MEASURE = r"""
import json, sys
from werkzeug.datastructures import FileStorage
from workshop_credit import create_app
from workshop_credit.config import TestingConfig
from workshop_credit.site.report_forms import AdditionForm

def status_kb(name):
    for line in open("/proc/self/status"):
        if line.startswith(name + ":"):
            return int(line.split()[1])

app = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI="sqlite://",
                 SEARCH_INDEX_DIR=sys.argv[1])
files = [(open(p, "rb"), p.rsplit("/", 1)[-1]) for p in sys.argv[2:]]
with app.test_request_context(method="POST", data={"text": "", "photos": files}):
    form = AdditionForm()
    before = status_kb("VmRSS")
    valid = form.validate()
    peak = status_kb("VmHWM")  # this process's own peak (ru_maxrss counts the parent's too)
    print(json.dumps({"valid": valid, "errors": form.photos.errors,
                      "extra_mb": (peak - before) / 1024, "photos": len(form.photos.clean)}))
"""


def decode_in_a_fresh_process(tmp_path, paths):
    """Validate an addition with these photos in a new process: validity, errors, memory."""
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, str(tmp_path / "index"), *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def saved(tmp_path, name, image, fmt):
    """Save ``image`` under ``tmp_path`` and return the path."""
    path = tmp_path / name
    image.save(path, fmt)
    return path


@pytest.fixture(scope="module")
def big_photos(tmp_path_factory):
    """Photos of nearly 40 million pixels: 1-bit PNG, RGBA PNG and JPEG."""
    folder = tmp_path_factory.mktemp("big-photos")
    return {
        "bilevel": saved(folder, "bilevel.png", Image.new("1", NEAR_LIMIT, 1), "PNG"),
        "rgba": saved(folder, "rgba.png", Image.new("RGBA", NEAR_LIMIT, (9, 80, 200, 128)), "PNG"),
        "jpeg": saved(folder, "big.jpg", Image.new("RGB", NEAR_LIMIT, (200, 30, 30)), "JPEG"),
    }


@pytest.mark.parametrize(
    "names",
    [["bilevel"], ["rgba"], ["jpeg"], ["rgba", "jpeg"]],
    ids=["1-bit-png", "rgba-png", "jpeg", "rgba-and-jpeg"],
)
def test_an_accepted_form_of_near_limit_photos_adds_under_300_mb(tmp_path, big_photos, names):
    outcome = decode_in_a_fresh_process(tmp_path, [big_photos[name] for name in names])
    assert outcome["valid"] and outcome["photos"] == len(names), outcome
    assert outcome["extra_mb"] < EXTRA_LIMIT_MB, outcome


def test_five_near_limit_photos_in_one_form_are_refused_with_a_message(tmp_path, big_photos):
    outcome = decode_in_a_fresh_process(tmp_path, [big_photos["rgba"]] * 5)
    assert not outcome["valid"]
    assert any("合计" in error for error in outcome["errors"]), outcome
    assert outcome["extra_mb"] < EXTRA_LIMIT_MB, outcome
