"""Test items in plain language: what each is and why a failure matters to the person eating.

The texts are message ids (marked with ``N_`` for extraction) so the page can show them in
English too; items missing here are shown with their measured value and limit only.
"""

from workshop_credit.core.i18n import N_

GLOSSARY = {
    N_("菌落总数"): N_(
        "食品中细菌的总体数量，反映加工环境和过程是否卫生。超标说明生产或储存不洁净，"
        "食品容易变质，可能引起肠胃不适。"
    ),
    N_("大肠菌群"): N_(
        "一类常见于人和动物肠道的细菌，用来判断食品是否受到粪便污染。"
        "超标说明卫生条件差，可能带有致病菌。"
    ),
    N_("苯甲酸"): N_(
        "常用防腐剂（苯甲酸及其钠盐）。按标准少量使用是安全的，"
        "超量或超范围使用说明工艺不规范，长期大量摄入会加重肝脏负担。"
    ),
    N_("山梨酸"): N_(
        "常用防腐剂（山梨酸及其钾盐）。超量使用说明生产不规范，也可能是在掩盖原料或卫生问题。"
    ),
    N_("二氧化硫"): N_(
        "来自漂白剂、防腐剂（如硫磺熏蒸、亚硫酸盐）。残留超标会刺激呼吸道和肠胃，哮喘人群尤其敏感。"
    ),
    N_("铅"): N_(
        "一种重金属，可能来自受污染的原料、设备或包装。铅会在体内蓄积，"
        "损害神经系统，对儿童危害更大。"
    ),
    N_("黄曲霉毒素B1"): N_(
        "霉变的花生、玉米、谷物和油料中产生的毒素，是强致癌物。超标说明原料霉变或储存不当。"
    ),
    N_("酸价"): N_(
        "反映油脂酸败（变质）的程度。超标说明油脂或含油食品储存过久或条件不当，"
        "会产生哈喇味，吃多了可能引起肠胃不适。"
    ),
    N_("过氧化值"): N_("反映油脂氧化变质的早期程度。超标说明油脂已开始变质，长期食用对健康不利。"),
    N_("甲醇"): N_(
        "酿酒时果胶分解产生的有害醇类，多见于原料或工艺控制不当的白酒、米酒。"
        "过量摄入会损伤视神经，严重时导致失明甚至危及生命。"
    ),
    N_("氰化物"): N_(
        "部分酿酒原料（如木薯、果核）中天然含有的有毒物质，工艺不当会残留在酒中，过量可致中毒。"
    ),
    N_("吡虫啉"): N_("一种常用杀虫剂（农药）。残留超标说明种植时用药过量或未到安全间隔期就采摘。"),
}


def explain(item: str) -> str | None:
    """The plain-language explanation of a test item, or None when there is none."""
    return GLOSSARY.get(item.strip())
