"""A fixed set of workshops and listings, and the labelled queries that must find them."""

from factories import make_titled_listing, make_workshop

from workshop_credit.models import ListingKind, WorkshopStatus

# key: (name, district, operator, products, category, address)
WORKSHOPS = {
    "laowang_mifen": ("峡江县老王米粉加工坊", "峡江县", "王建国", "峡江米粉 米粉干", "米粉",
                      "峡江县巴邱镇枫树村3组12号"),
    "baqiu_mifen": ("峡江县巴邱米粉坊", "峡江县", "李春生", "湿米粉 炒粉", "米粉",
                    "峡江县巴邱镇石桥村5号"),
    "shuibian_doufu": ("峡江县水边镇刘记豆腐坊", "峡江县", "刘冬梅", "豆腐 油豆腐", "豆制品",
                       "峡江县水边镇湖洲村8号"),
    "suichuan_doupi": ("遂川县刘记豆皮作坊", "遂川县", "刘德明", "遂川豆皮 腐竹", "豆制品",
                       "遂川县泉江镇塘边村2组7号"),
    "tanghu_tea": ("遂川县汤湖制茶坊", "遂川县", "曾水生", "狗牯脑茶 绿茶", "茶叶",
                   "遂川县汤湖镇上坑村11号"),
    "li_cakes": ("吉州区李记糕点坊", "吉州区", "李秀英", "吉安薄酥饼 米糕", "糕点",
                 "吉州区古南街道88号"),
    "yongyang_cakes": ("吉安县永阳饼坊", "吉安县", "周国平", "薄酥饼 冻米糖", "糕点",
                       "吉安县永阳镇新田村4组20号"),
    "longshi_wine": ("井冈山市龙市红米酒坊", "井冈山市", "袁长根", "井冈山红米酒 糯米甜酒",
                     "酒类", "井冈山市龙市镇黄沙村6号"),
    "hechuan_wine": ("永新县禾川谷烧酒坊", "永新县", "贺火生", "谷烧酒 米酒", "酒类",
                     "永新县禾川镇罗家村9号"),
    "laohu_cured": ("泰和县老胡腊味坊", "泰和县", "胡贵华", "腊肉 腊肠 板鸭", "肉制品",
                    "泰和县澄江镇桥头村3号"),
    "zhouhu_oil": ("安福县洲湖茶油坊", "安福县", "罗美玲", "茶籽油", "食用植物油",
                   "安福县洲湖镇竹山村1号"),
    "furong_nuts": ("万安县芙蓉炒货坊", "万安县", "钟小红", "炒花生 葵花籽", "炒货",
                    "万安县芙蓉镇长岗村15号"),
    "sanhu_pickles": ("新干县三湖酱菜坊", "新干县", "黄志强", "萝卜干 剁辣椒", "酱腌菜",
                      "新干县三湖镇陂头村2号"),
    "enjiang_noodles": ("永丰县恩江手工面坊", "永丰县", "邓海燕", "手工面条 挂面", "面制品",
                        "永丰县恩江镇井头村6号"),
    "zhixia_aimiguo": ("青原区值夏艾米果坊", "青原区", "谢月娥", "艾米果 麦芽糖", "其他",
                       "青原区值夏镇东坑村3号"),
    "huangqiao_tofu": ("吉水县黄桥豆制品加工坊", "吉水县", "彭荣发", "豆干 豆腐", "豆制品",
                       "吉水县黄桥镇高岭村7号"),
    "xinlong_food": ("井冈山经开区鑫隆食品加工坊", "井冈山经开区", "欧阳文华", "红薯粉丝",
                     "其他", "井冈山经开区火炬大道128号"),
    "hengfeng_mooncake": ("庐陵新区恒丰月饼坊", "庐陵新区", "曹丽萍", "月饼 芝麻糖", "糕点",
                          "庐陵新区庐陵大道66号"),
    "changtang_mifen": ("吉州区长塘刘记米粉坊", "吉州区", "刘伟", "米粉 炒粉", "米粉",
                        "吉州区长塘镇大塘村3号"),
    "renhe_wine": ("峡江县仁和老王酒坊", "峡江县", "王福生", "冬酒 米酒", "酒类",
                   "峡江县仁和镇田心村4号"),
    "zuoan_tea": ("遂川县左安茶叶作坊", "遂川县", "尹九英", "白茶 红茶", "茶叶",
                  "遂川县左安镇石门村2号"),
    "luoxi_duck": ("泰和县螺溪板鸭作坊", "泰和县", "康传根", "板鸭 酱鸭", "肉制品",
                   "泰和县螺溪镇刘家村5号"),
    "sanwan_chili": ("永新县三湾辣椒酱作坊", "永新县", "严满秀", "辣椒酱", "酱腌菜",
                     "永新县三湾乡枫树村8号"),
    "pingdu_yuba": ("安福县平都腐竹作坊", "安福县", "段晓东", "腐竹", "豆制品",
                    "安福县平都镇塘边村6号"),
    "baijia_noodles": ("万安县百嘉挂面作坊", "万安县", "杨新民", "挂面 饺子皮", "面制品",
                       "万安县百嘉镇上坑村3号"),
    "dunhou_oil": ("吉安县敦厚菜籽油坊", "吉安县", "吴林", "菜籽油 花生油", "食用植物油",
                   "吉安县敦厚镇罗家村7号"),
    "dayangzhou_mifen": ("新干县大洋洲米粉干作坊", "新干县", "龙勇", "米粉干", "米粉",
                         "新干县大洋洲镇下坊村9号"),
    "futian_tofu": ("青原区富田豆腐坊", "青原区", "张芳", "豆腐", "豆制品",
                    "青原区富田镇陂头村4号"),
    "laoqiao_wine": ("吉水县醪桥冬酒坊", "吉水县", "廖斌", "冬酒", "酒类",
                     "吉水县醪桥镇黄沙村2号"),
    "ciping_cured": ("井冈山市茨坪腊肉加工坊", "井冈山市", "邹军", "腊肉 风干鸡", "肉制品",
                     "井冈山市茨坪镇新田村8号"),
}  # fmt: skip

LISTINGS = {
    "red_li": ("吉州区李记糕点坊获评市级示范单位", ListingKind.RED,
               "<p>该作坊坚持<strong>古法</strong>制作吉安薄酥饼，进货查验记录完整。</p>"),
    "black_sanwan": ("曝光：永新县三湾无证辣椒酱窝点", ListingKind.BLACK,
                     "<p>执法人员查获一处无证生产辣椒酱的窝点，现场环境脏乱。</p>"),
}  # fmt: skip

MIFEN = {"laowang_mifen", "baqiu_mifen", "changtang_mifen", "dayangzhou_mifen"}

# query: the records it must find (in the first 10 results)
QUERIES = {
    # whole names
    "峡江县老王米粉加工坊": {"laowang_mifen"},
    "遂川县刘记豆皮作坊": {"suichuan_doupi"},
    "泰和县老胡腊味坊": {"laohu_cured"},
    "庐陵新区恒丰月饼坊": {"hengfeng_mooncake"},
    # partial names
    "老王米粉": {"laowang_mifen"},
    "老胡": {"laohu_cured"},
    "刘记豆皮": {"suichuan_doupi"},
    "恒丰": {"hengfeng_mooncake"},
    "鑫隆": {"xinlong_food"},
    "手工面": {"enjiang_noodles"},
    "老王": {"laowang_mifen", "renhe_wine"},
    "米粉坊": {"baqiu_mifen", "changtang_mifen"},
    # places
    "巴邱": {"laowang_mifen", "baqiu_mifen"},
    "汤湖": {"tanghu_tea"},
    "龙市": {"longshi_wine"},
    "芙蓉镇": {"furong_nuts"},
    "洲湖": {"zhouhu_oil"},
    "井冈山经开区": {"xinlong_food"},
    "湖洲村": {"shuibian_doufu"},
    "火炬大道": {"xinlong_food"},
    "遂川县": {"suichuan_doupi", "tanghu_tea", "zuoan_tea"},
    # products and categories
    "米粉": MIFEN,
    "豆皮": {"suichuan_doupi"},
    "板鸭": {"laohu_cured", "luoxi_duck"},
    "茶籽油": {"zhouhu_oil"},
    "狗牯脑": {"tanghu_tea"},
    "薄酥饼": {"li_cakes", "yongyang_cakes"},
    "红米酒": {"longshi_wine"},
    "冻米糖": {"yongyang_cakes"},
    "腐竹": {"suichuan_doupi", "pingdu_yuba"},
    "食用植物油": {"zhouhu_oil", "dunhou_oil"},
    # pinyin
    "mifen": MIFEN,
    "doupi": {"suichuan_doupi"},
    "banya": {"laohu_cured", "luoxi_duck"},
    "laowang": {"laowang_mifen", "renhe_wine"},
    "gougunao": {"tanghu_tea"},
    "yuebing": {"hengfeng_mooncake"},
    "suichuan": {"suichuan_doupi", "tanghu_tea", "zuoan_tea"},
    # initials
    "xjmf": {"laowang_mifen", "baqiu_mifen"},
    "scdp": {"suichuan_doupi"},
    "lwmf": {"laowang_mifen"},
    "hmj": {"longshi_wine"},
    # numbers (district code)
    "360827": {"suichuan_doupi", "tanghu_tea", "zuoan_tea"},
    # mixed Chinese and Latin
    "峡江 mifen": {"laowang_mifen", "baqiu_mifen"},
    "遂川chaye": {"tanghu_tea", "zuoan_tea"},
    "泰和 larou": {"laohu_cured"},
    # operators
    "欧阳文华": {"xinlong_food"},
    "王建国": {"laowang_mifen"},
    "龙勇": {"dayangzhou_mifen"},  # two-character names, cut into single characters
    "吴林": {"dunhou_oil"},
    "廖斌": {"laoqiao_wine"},
    # listings
    "示范单位": {"red_li"},
    "无证辣椒酱": {"black_sanwan", "sanwan_chili"},
    "无证": {"black_sanwan", "sanwan_chili"},  # an unregistered workshop, by its standing
    "古法": {"red_li"},
}


def load():
    """Create the corpus; return {key: ("workshop" or "listing", id)}."""
    made = {}
    for key, (name, district, operator, products, category, address) in WORKSHOPS.items():
        status = WorkshopStatus.UNREGISTERED if key == "sanwan_chili" else WorkshopStatus.REGISTERED
        w = make_workshop(name, district_name=district, operator=operator, products=products,
                          categories=(category,), address=address, status=status)  # fmt: skip
        made[key] = ("workshop", w.id)
    for key, (title, kind, body) in LISTINGS.items():
        made[key] = ("listing", make_titled_listing(title, kind=kind, body=body).id)
    return made
