"""Chinese vocabulary for the demo data: Ji'an's towns, trades, people and their wording."""

from workshop_credit.workshops.uscc import ALPHABET as USCC_ALPHABET
from workshop_credit.workshops.uscc import check_character


def _words(text):
    # Vocabulary is written as space-separated words so that each table keeps one line per entry.
    return tuple(text.split())


# name: (relative weight, division code used in USCCs and numbers, short form in decision
# numbers). The two management zones have no division code of their own: the city's is used.
DISTRICTS = {
    "吉州区": (5, "360802", "州"),
    "青原区": (4, "360803", "青"),
    "吉安县": (8, "360821", "安"),
    "吉水县": (8, "360822", "水"),
    "峡江县": (5, "360823", "峡"),
    "新干县": (6, "360824", "干"),
    "永丰县": (7, "360825", "丰"),
    "泰和县": (8, "360826", "泰"),
    "遂川县": (8, "360827", "遂"),
    "万安县": (5, "360828", "万"),
    "安福县": (6, "360829", "福"),
    "永新县": (7, "360830", "新"),
    "井冈山市": (4, "360881", "井"),
    "井冈山经开区": (1.5, "360800", "开"),
    "庐陵新区": (1.5, "360800", "庐"),
}
ZONE_OFFICES = {
    "井冈山经开区": "吉安市市场监督管理局井冈山经开区分局",
    "庐陵新区": "吉安市市场监督管理局庐陵新区分局",
}
# Towns and streets; the management zones have roads instead.
TOWNS = {
    "吉州区": _words("古南街道 文山街道 习溪桥街道 白塘街道 兴桥镇 长塘镇 樟山镇 曲濑镇"),
    "青原区": _words("河东街道 滨江街道 天玉镇 值夏镇 新圩镇 富田镇 文陂镇 富滩镇"),
    "吉安县": _words("敦厚镇 永阳镇 天河镇 横江镇 固江镇 万福镇 永和镇 桐坪镇 油田镇"),
    "吉水县": _words("文峰镇 阜田镇 盘谷镇 枫江镇 黄桥镇 金滩镇 八都镇 醪桥镇"),
    "峡江县": _words("水边镇 巴邱镇 仁和镇 砚溪镇 罗田镇 马埠镇 桐林乡 福民乡 戈坪乡"),
    "新干县": _words("金川镇 三湖镇 大洋洲镇 七琴镇 麦斜镇 界埠镇 溧江镇 桃溪乡"),
    "永丰县": _words("恩江镇 坑田镇 沿陂镇 古县镇 瑶田镇 藤田镇 石马镇 沙溪镇 佐龙乡"),
    "泰和县": _words("澄江镇 碧溪镇 桥头镇 禾市镇 螺溪镇 苏溪镇 马市镇 塘洲镇 冠朝镇"),
    "遂川县": _words("泉江镇 雩田镇 碧洲镇 草林镇 堆子前镇 左安镇 高坪镇 汤湖镇 衙前镇"),
    "万安县": _words("芙蓉镇 五丰镇 枧头镇 窑头镇 百嘉镇 高陂镇 潞田镇 沙坪镇"),
    "安福县": _words("平都镇 浒坑镇 洲湖镇 横龙镇 洋溪镇 严田镇 枫田镇 竹江乡"),
    "永新县": _words("禾川镇 石桥镇 龙源口镇 浬田镇 龙门镇 沙市镇 文竹镇 埠前镇 三湾乡"),
    "井冈山市": _words("茨坪镇 龙市镇 厦坪镇 古城镇 新城镇 拿山镇 黄坳乡 鹅岭乡"),
    "井冈山经开区": _words("火炬大道 深圳大道 京九大道 创业大道 井冈山大道"),
    "庐陵新区": _words("吉州大道 后河大道 庐陵大道 井冈山大道 城南大道"),
}
ZONE_TRADES = {"峡江县": "米粉产业", "遂川县": "茶叶和豆制品", "吉安县": "糕点",
               "井冈山市": "红米酒", "吉水县": "豆制品", "泰和县": "腊味"}  # fmt: skip

# How common each trade is, and what its workshops are called, make and buy.
TRADE_SHARES = {"酒类": 10, "肉制品": 8, "食用植物油": 7, "米粉": 12, "糕点": 12, "豆制品": 12,
                "茶叶": 5, "炒货": 5, "酱腌菜": 8, "面制品": 6, "其他": 5}  # fmt: skip
NAME_ENDINGS = {
    "酒类": _words("酒坊 酿酒坊 米酒坊 谷烧酒坊"),
    "肉制品": _words("腊味坊 腊肉加工坊 熟食坊 板鸭作坊"),
    "食用植物油": _words("榨油坊 油坊 茶油坊"),
    "米粉": _words("米粉加工坊 米粉坊 粉干作坊"),
    "糕点": _words("糕点坊 饼坊 糕饼作坊"),
    "豆制品": _words("豆腐坊 豆制品加工坊 腐竹作坊"),
    "茶叶": _words("茶叶加工坊 制茶坊 茶叶作坊"),
    "炒货": _words("炒货坊 炒货加工坊"),
    "酱腌菜": _words("酱菜坊 腌菜加工坊 辣椒酱作坊"),
    "面制品": _words("面条加工坊 手工面坊 挂面作坊"),
    "其他": _words("食品加工坊 米果坊 土特产加工坊"),
}
PRODUCTS = {
    "酒类": _words("米酒 谷烧酒 糯米甜酒 红薯烧酒 冬酒"),
    "肉制品": _words("腊肉 腊肠 酱鸭 板鸭 风干鸡"),
    "食用植物油": _words("茶籽油 菜籽油 花生油"),
    "米粉": _words("米粉 米粉干 湿米粉 炒粉"),
    "糕点": _words("酥饼 米糕 冻米糖 芝麻糖 月饼 麻糍"),
    "豆制品": _words("豆腐 豆皮 油豆腐 腐竹 豆干"),
    "茶叶": _words("绿茶 红茶 白茶"),
    "炒货": _words("炒花生 葵花籽 南瓜子 炒米"),
    "酱腌菜": _words("萝卜干 酸菜 剁辣椒 梅干菜 辣椒酱"),
    "面制品": _words("手工面条 挂面 饺子皮 馒头"),
    "其他": _words("红薯粉丝 艾米果 麦芽糖 酒糟鱼"),
}
MATERIALS = {
    "酒类": "糯米、大米、酒曲",
    "肉制品": "鲜猪肉、鲜鸭、食用盐",
    "食用植物油": "油茶籽、油菜籽、花生",
    "米粉": "早籼米",
    "糕点": "小麦粉、芝麻、白砂糖、猪油",
    "豆制品": "大豆、石膏",
    "茶叶": "鲜茶叶",
    "炒货": "花生、葵花籽、食用盐",
    "酱腌菜": "萝卜、辣椒、芥菜、食用盐",
    "面制品": "小麦粉、食用碱",
    "其他": "红薯、糯米、麦芽",
}

# The plan's specialties. brand: (district, category, product, town, heritage item or "")
SPECIALTIES = {
    "遂川狗牯脑": ("遂川县", "茶叶", "狗牯脑茶", "汤湖镇", "遂川狗牯脑茶制作技艺"),
    "吉安薄酥饼": ("吉州区", "糕点", "吉安薄酥饼", "古南街道", "吉安薄酥饼制作技艺"),
    "井冈山红米酒": ("井冈山市", "酒类", "井冈山红米酒", "龙市镇", "井冈山红米酒酿造技艺"),
    "峡江米粉": ("峡江县", "米粉", "峡江米粉", "巴邱镇", "峡江米粉制作技艺"),
    "遂川豆皮": ("遂川县", "豆制品", "遂川豆皮", "泉江镇", ""),
}
# The specialty a workshop of that district and trade may make.
SPECIALTY_BY_TRADE = {(d, c): brand for brand, (d, c, *_) in SPECIALTIES.items()}
SPECIALTY_BY_TRADE[("吉安县", "糕点")] = "吉安薄酥饼"
# Districts whose trades lean towards their specialty: (district, category, extra weight).
TRADE_BIAS = (("峡江县", "米粉", 6), ("遂川县", "茶叶", 5), ("遂川县", "豆制品", 3),
              ("吉州区", "糕点", 4), ("吉安县", "糕点", 3), ("井冈山市", "酒类", 4))  # fmt: skip

# category: (test item, unit, limit, or None when the additive is not permitted at all)
FAILED_ITEMS = {
    "酒类": (("甲醇", "g/L", 0.6), ("铅", "mg/kg", 0.5), ("氰化物", "mg/L", 8.0)),
    "肉制品": (("菌落总数", "CFU/g", 1e5), ("大肠菌群", "MPN/g", 10), ("苯甲酸", "g/kg", None),
               ("过氧化值", "g/100g", 0.5)),
    "食用植物油": (("酸价", "mg/g", 3.0), ("过氧化值", "g/100g", 0.25),
                   ("黄曲霉毒素B1", "μg/kg", 10)),
    "米粉": (("苯甲酸", "g/kg", None), ("二氧化硫", "g/kg", None), ("大肠菌群", "MPN/g", 10)),
    "糕点": (("菌落总数", "CFU/g", 1e4), ("山梨酸", "g/kg", 1.0), ("酸价", "mg/g", 5.0),
             ("过氧化值", "g/100g", 0.25)),
    "豆制品": (("苯甲酸", "g/kg", None), ("大肠菌群", "MPN/g", 10), ("铅", "mg/kg", 0.5)),
    "茶叶": (("铅", "mg/kg", 5.0), ("吡虫啉", "mg/kg", 0.5)),
    "炒货": (("酸价", "mg/g", 3.0), ("过氧化值", "g/100g", 0.8), ("黄曲霉毒素B1", "μg/kg", 20)),
    "酱腌菜": (("苯甲酸", "g/kg", 1.0), ("山梨酸", "g/kg", 1.0), ("二氧化硫", "g/kg", 0.1)),
    "面制品": (("菌落总数", "CFU/g", 1e5), ("铅", "mg/kg", 0.5), ("二氧化硫", "g/kg", None)),
    "其他": (("菌落总数", "CFU/g", 1e4), ("二氧化硫", "g/kg", 0.35), ("铅", "mg/kg", 0.5)),
}  # fmt: skip

SURNAMES = "刘王李张陈胡肖罗郭曾周彭钟黄吴邓康尹谢朱曹杨段龙廖贺严袁邹颜"
GIVEN = _words(
    "建华 国平 春生 冬梅 秀英 小红 志强 海燕 桂花 水生 福生 金凤 丽萍 伟 军 斌 勇 芳 敏 "
    "长根 满秀 细妹 火生 贵华 德明 新民 林 晓东 文华 月娥 香莲 荣发 美玲 传根 九英"
)
VILLAGES = _words(
    "枫树 塘边 上坑 下坊 石桥 新田 高岭 黄沙 大塘 陂头 长岗 桥头 樟树下 井头 东坑 "
    "罗家 刘家 竹山 田心 石门"
)
LUCKY = _words("福源 兴旺 鑫隆 恒丰 永盛 金谷 润丰 百年 古法 农家 乡味 山里")
MOBILE_PREFIXES = _words("139 138 135 137 158 159 187 188 199")

MANAGEMENT_RULES = (
    "一、原料进货查验制度：查验供货者资质和原料合格证明，如实记录进货台账，保存不少于两年。\n"
    "二、生产过程控制制度：生产区与生活区分开，按工艺要求加工，不使用非食用物质。\n"
    "三、食品添加剂管理制度：专柜存放、专人管理，按标准规定的范围和用量使用并记录。\n"
    "四、从业人员健康管理制度：从业人员持有效健康证明上岗，每日晨检。\n"
    "五、出厂检验和销售记录制度：产品出厂前检验，如实记录销售去向。\n"
    "六、不合格食品处置制度：发现不合格食品立即停止生产、召回并报告监管部门。"
)
COMMITMENT = (
    "本作坊郑重承诺：严格遵守《中华人民共和国食品安全法》和"
    "《江西省食品小作坊小餐饮小食杂店管理条例》，在登记范围内生产加工，不使用非食用物质，"
    "不超范围超限量使用食品添加剂，不生产假冒伪劣食品，主动公开信息，接受社会监督。"
    "承诺人：{operator}"
)
FINDINGS = {
    "compliant": ("现场检查未发现问题。", "证照齐全，公开栏内容完整，从业人员健康证在有效期内。"),
    "rectify": (
        "原料进货台账记录不完整。",
        "生产车间防蝇防鼠设施不到位。",
        "部分从业人员健康证已过期。",
        "信息公开栏内容未及时更新。",
        "食品添加剂未专柜存放、专人管理。",
    ),
    "noncompliant": (
        "使用超过保质期的原料。",
        "生产场所卫生条件差，存在较大食品安全隐患。",
        "超出登记品种范围生产。",
    ),
}
BLACK_FINDINGS = (
    "现场查获该作坊未取得食品小作坊登记证，擅自生产{product}，"
    "生产环境脏乱，无进货查验记录。已依法取缔。"
)
TESTING_BODIES = (
    "吉安市食品药品检验检测中心",
    "江西省食品检验检测研究院",
    "谱尼测试集团江西有限公司",
)
CANCEL_REASONS = (
    "经营者申请注销（停止生产经营）",
    "经营者申请注销（转型升级为食品生产企业）",
    "经营者申请注销（迁入集中加工区后重新登记）",
)
REVOKE_REASONS = (
    "生产不符合食品安全标准的食品，情节严重，依法撤销登记证",
    "多次抽检不合格且拒不整改，依法撤销登记证",
)
PROVINCIAL_RULES = "《江西省食品小作坊小餐饮小食杂店管理条例》有关规定"
FOOD_SAFETY_LAW = "《中华人民共和国食品安全法》第一百二十四条第一款"
DISPOSALS = (
    "已责令停止生产销售，召回不合格{product}{n}公斤，监督销毁。",
    "已对库存不合格{product}{n}公斤予以封存，并监督无害化处理。",
    "已责令下架召回不合格{product}{n}公斤，召回产品已监督销毁。",
)
STATEMENT = (
    "本作坊已召回并销毁不合格产品，更换原料供应商，完善进货查验和出厂检验记录，"
    "全体从业人员参加食品安全培训，罚款已按时缴纳。"
)
INTERVIEW_SUMMARY = (
    "指出存在的问题，责令查明原因、召回并处置不合格产品，"
    "落实进货查验和出厂检验制度；经营者签订整改承诺书。"
)
INDUSTRY_SUMMARY = (
    "集中通报情况、集中宣贯学习、集中讨论对策：通报近期监督检查和抽检发现的"
    "共性问题，学习《江西省食品小作坊小餐饮小食杂店管理条例》，"
    "各作坊负责人签订食品安全承诺书。"
)
WITHDRAWAL_REASONS = ("该作坊已整改到位，经复核撤回。", "内容有误，撤回修改后重新提交。")
BLACK_LISTING = (
    "{office}于{day:%Y年%m月%d日}依法查处{name}（{address}）：{violation}。"
    "处罚决定：{penalty}。发现类似问题，欢迎通过本平台举报。"
)
# issue type: what a citizen writes
REPORT_TEXT = {
    "unregistered": "附近有一家作坊没挂任何证照，每天凌晨生产{product}，送到周边菜市场和早餐店。",
    "non_food": "怀疑这家作坊生产{product}时加了工业用的东西，颜色特别白，味道也不对。",
    "additives": "买回来的{product}放了一个星期都不坏，怀疑防腐剂放多了。",
    "counterfeit": "这家作坊的{product}冒用别人的牌子，包装上没有登记证编号。",
    "hygiene": "作坊里苍蝇很多，工人不戴帽子口罩，{product}直接堆在地上。",
    "other": "作坊公开栏上的信息好久没有更新，{product}包装上也没有生产日期。",
}
# report status: the reply the reporter reads
REPLIES = {
    "received": "您的举报已收到，我们将在 {accept_days} 个工作日内决定是否受理。",
    "accepted": "您的举报已受理，已转{district}市场监管部门调查处理。",
    "declined": "经审查，举报线索不够具体，暂不予受理。欢迎补充详细地址和照片后重新举报。",
    "duplicate": "该问题已有其他群众举报，正在合并处理，结果将一并答复。",
    "investigating": "执法人员已到现场核查，调查正在进行中。",
    "substantiated": "经现场核查，举报反映的问题属实，已依法立案查处。",
    "unsubstantiated": "经现场核查，未发现举报反映的问题。感谢您的监督。",
    "closed": "本举报已办结，感谢您对食品安全工作的支持。",
}


def reply(status) -> str:
    """The reply a demo reporter reads for ``status``; a plain one for a status without its own."""
    return REPLIES.get(status.value, "举报办理状态已更新为“" + status.label + "”。")


SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def office(district) -> str:
    """The market regulation office that registers and supervises workshops in ``district``."""
    return ZONE_OFFICES.get(district, f"{district}市场监督管理局")


def trade_weights(district) -> list:
    """How likely each trade is in ``district``, in the order of ``PRODUCTS``."""
    bias = {c: w for d, c, w in TRADE_BIAS if d == district}
    return [TRADE_SHARES[c] + bias.get(c, 0) for c in PRODUCTS]


def person_name(rng) -> str:
    """A plausible Chinese name, now and then with a two-character surname."""
    surname = "欧阳" if rng.random() < 0.02 else rng.choice(SURNAMES)
    return surname + rng.choice(GIVEN)


def workshop_name(rng, district, town, category, operator) -> str:
    """A workshop name such as 峡江县老王米粉加工坊 or 吉州区李记糕点坊."""
    surname = operator[:2] if operator.startswith("欧阳") else operator[0]
    stem = town.removesuffix("街道").removesuffix("镇").removesuffix("乡").removesuffix("大道")
    middle = rng.choice(
        (
            f"老{surname}",
            f"{surname}记",
            f"{surname}家",
            stem,
            f"{stem}{surname}记",
            rng.choice(LUCKY),
        )
    )
    return f"{district}{middle}{rng.choice(NAME_ENDINGS[category])}"


def address(rng, district, town) -> str:
    """A street address in town, or a village address in the countryside."""
    if town.endswith(("大道", "街道")):
        return f"{district}{town}{rng.randint(1, 399)}号"
    village = f"{rng.choice(VILLAGES)}村{rng.randint(1, 12)}组"
    return f"{district}{town}{village}{rng.randint(1, 60)}号"


def supplier(rng, district, town) -> str:
    """A raw material supplier's name."""
    return rng.choice(
        (
            f"{district}{town}{rng.choice(SURNAMES)}记粮油批发部",
            f"吉安市{rng.choice(LUCKY)}米业有限公司",
            f"江西{rng.choice(LUCKY)}粮油有限公司",
            f"{town}农贸市场{rng.choice(SURNAMES)}氏干货店",
            f"{district}{rng.choice(VILLAGES)}种植专业合作社",
        )
    )


def uscc(rng, division_code) -> str:
    """A valid unified social credit code of an individual business (个体工商户, 92)."""
    body = "92" + division_code + "".join(rng.choice(USCC_ALPHABET) for _ in range(9))
    return body + check_character(body)


def mobile(rng) -> str:
    """A mainland mobile number."""
    return rng.choice(MOBILE_PREFIXES) + "".join(rng.choice("0123456789") for _ in range(8))


def failed_item(rng, item, unit, limit) -> dict:
    """A failed test item with its measured value above the limit."""
    if limit is None:
        measured, shown_limit = f"{rng.uniform(0.05, 0.8):.3f}", "不得使用"
    elif unit == "CFU/g":
        measured, shown_limit = _scientific(limit * rng.uniform(1.3, 6)), f"≤{_scientific(limit)}"
    else:
        measured, shown_limit = f"{limit * rng.uniform(1.3, 6):.3g}", f"≤{limit:g}"
    return {"item": item, "unit": unit, "limit_value": shown_limit, "measured_value": measured}


def _scientific(value) -> str:
    exponent = len(str(int(value))) - 1
    return f"{value / 10**exponent:.1f}×10{str(exponent).translate(SUPERSCRIPT)}"
