"""Reference data the site cannot work without: Ji'an's districts and the food categories.

The initial migration inserts the same rows; a test keeps the two in agreement.
"""

# (division code or None for a management zone, name)
DISTRICTS = (
    ("360802", "吉州区"),
    ("360803", "青原区"),
    ("360821", "吉安县"),
    ("360822", "吉水县"),
    ("360823", "峡江县"),
    ("360824", "新干县"),
    ("360825", "永丰县"),
    ("360826", "泰和县"),
    ("360827", "遂川县"),
    ("360828", "万安县"),
    ("360829", "安福县"),
    ("360830", "永新县"),
    ("360881", "井冈山市"),
    (None, "井冈山经开区"),
    (None, "庐陵新区"),
)

# (name, key category of the plan, inherent risk 1-3)
CATEGORIES = (
    ("酒类", True, 3),
    ("肉制品", True, 3),
    ("食用植物油", True, 3),
    ("米粉", True, 2),
    ("糕点", True, 2),
    ("豆制品", False, 2),
    ("茶叶", False, 1),
    ("炒货", False, 1),
    ("酱腌菜", False, 2),
    ("面制品", False, 1),
    ("其他", False, 2),
)
