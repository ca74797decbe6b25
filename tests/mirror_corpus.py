"""Clean Simplified paragraphs written for the tests (government, statistics and technology prose,
none of them from the release), and the mirror's damage applied to them in a known way.

Each damage function (`shifted`, `shifted_at_boundary`, `shifted_before_mark`, `misaligned`)
takes a paragraph and a seeded random generator and gives the damaged text with the truth for its
damaged span (`DamagedSpan`), so that a test can score repair on every span: recovered exactly,
flagged, or repaired wrongly. The paragraphs come in three sets (see the comments): the first 24,
and three held-out sets written later to test the rules made on the earlier ones.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

from helpers.repair import mojibake
from helpers.repair.script import HAN

PARAGRAPHS = (
    "今年以来，全省坚持稳中求进工作总基调，经济运行总体平稳，主要指标好于预期，发展质量稳步提升。",
    "全市规模以上工业增加值同比增长百分之六点五，其中高技术制造业增加值增长较快，带动作用明显增强。",
    "统计局数据显示，居民人均可支配收入继续增加，城乡居民收入差距进一步缩小，消费市场持续回暖。",
    "我们将深入实施创新驱动发展战略，加快建设现代化产业体系，推动科技创新和产业创新深度融合。",
    "各级政府部门要切实转变工作作风，提高服务效率，为企业发展营造公平透明的营商环境。",
    "新能源汽车产业链不断完善，电池、电机、电控等关键零部件企业加快集聚，形成了较为完整的产业生态。",
    "人工智能技术在医疗、教育、交通等领域的应用日益广泛，为经济社会发展注入了新的动力。",
    "农业生产形势总体稳定，粮食播种面积保持基本稳定，畜牧业生产稳步恢复，农民收入持续增长。",
    "全年新增城镇就业人数超过预期目标，城镇调查失业率保持在合理区间，就业形势总体稳定。",
    "市场监管部门加强产品质量安全监管，严厉打击制售假冒伪劣商品行为，维护消费者合法权益。",
    "数字经济核心产业增加值占地区生产总值的比重持续提高，数字基础设施建设加快推进。",
    "我们坚持以人民为中心的发展思想，着力解决群众急难愁盼问题，不断增强人民群众的获得感和幸福感。",
    "科研院所和高等学校是基础研究的主力军，要加强基础研究和应用基础研究，提升原始创新能力。",
    "生态环境质量持续改善，空气质量优良天数比例提高，重点河流断面水质稳定达标。",
    "对外开放水平不断提升，进出口总额保持增长，利用外资结构持续优化，开放型经济发展势头良好。",
    "交通基础设施网络更加完善，高速公路通车里程继续增加，城市轨道交通建设有序推进。",
    "教育事业全面发展，义务教育优质均衡发展取得新进展，职业教育服务产业发展的能力明显增强。",
    "卫生健康服务体系不断健全，基层医疗卫生机构服务能力持续提升，群众看病就医更加便利。",
    "财政收入平稳增长，民生支出保障有力，重点领域和关键环节的支出得到有效保障。",
    "企业研发投入持续加大，专利申请数量稳步增长，科技成果转化和产业化水平进一步提高。",
    "城市更新行动扎实推进，老旧小区改造惠及大量居民，城市功能和品质不断提升。",
    "文化和旅游市场加快复苏，接待游客人次和旅游收入实现较快增长，文化事业繁荣发展。",
    "金融机构加大对实体经济的支持力度，普惠小微贷款余额较快增长，企业融资成本稳中有降。",
    "社会保障体系更加完善，基本养老保险参保人数持续增加，社会救助兜底保障作用有效发挥。",
    # Written later (2026-12-02) as a held-out set for the rules of that day: they found six kinds
    # of wrong repair that the paragraphs above never made. Write new ones to check new rules.
    "全区粮食总产量再创新高，高标准农田建设任务全面完成，农业机械化水平稳步提高。",
    "我们要把就业摆在更加突出的位置，落实落细各项稳岗政策，帮助高校毕业生和农民工稳定就业。",
    "截至年底，全市累计建成第五代移动通信基站一万余个，实现城区和重点乡镇全覆盖。",
    "各地要压实安全生产责任，深入开展隐患排查整治，坚决遏制重特大事故发生。",
    "今年一季度，全县固定资产投资同比增长，其中工业投资和民间投资增速均高于全省平均水平。",
    "围绕产业链部署创新链，支持龙头企业牵头组建创新联合体，开展关键核心技术攻关。",
    "生活垃圾分类工作取得积极成效，城市生活污水集中收集率明显提高，人居环境持续改善。",
    "加快推进乡村振兴，发展壮大特色产业，促进农村一二三产业融合发展，拓宽农民增收渠道。",
    "深化放管服改革，推行政务服务一网通办，企业开办时间压缩至一个工作日以内。",
    "对符合条件的小微企业和个体工商户，继续实施减税降费政策，帮助市场主体渡过难关。",
    "全省森林覆盖率达到百分之三十以上，湿地保护面积不断扩大，生物多样性得到有效保护。",
    "医疗保障水平稳步提高，城乡居民医保财政补助标准提高，大病保险报销比例进一步提升。",
    "我们将继续扩大有效投资，加强重大项目谋划储备，发挥政府投资撬动作用，激发民间投资活力。",
    "在全社会营造尊重劳动、尊重知识、尊重人才、尊重创造的良好氛围，让创新创造活力充分迸发。",
    "新建和改扩建中小学校和幼儿园，新增学位数万个，有效缓解了城区入学难问题。",
    "铁路、公路、水运、航空等综合交通运输体系加快完善，物流成本进一步降低。",
    "全市接待国内外游客人次同比增长，旅游总收入恢复到疫情前水平，夜间经济繁荣活跃。",
    "住房保障体系不断完善，筹集保障性租赁住房，着力解决新市民和青年人住房困难。",
    "我们坚持把保障和改善民生作为工作的出发点和落脚点，办好一批群众可感可及的实事。",
    "工业企业利润总额由降转升，装备制造业和电子信息产业对工业增长的贡献率超过一半。",
    "农村人居环境整治提升五年行动扎实推进，农村卫生厕所普及率和生活垃圾处理率稳步提高。",
    "科技型中小企业数量快速增长，技术合同成交额突破新高，区域创新能力排名上升。",
    "要统筹发展和安全，有效防范化解地方政府债务风险，守住不发生系统性风险的底线。",
    "全年完成造林绿化面积若干万亩，治理水土流失面积进一步扩大，生态屏障更加牢固。",
    "养老服务体系建设加快推进，社区养老服务设施覆盖率明显提高，老年人生活更有保障。",
    "跨境电子商务等新业态快速发展，外贸进出口结构持续优化，一般贸易占比提高。",
    "以数字化转型为引领，推动制造业高端化、智能化、绿色化发展，培育一批专精特新企业。",
    "全面加强法治政府建设，严格规范公正文明执法，行政复议和行政诉讼案件办理质量明显提高。",
    "建立健全防止返贫动态监测和帮扶机制，巩固拓展脱贫攻坚成果，守住不发生规模性返贫底线。",
    "城市供水、供气、供热等市政设施改造升级，地下管网建设和改造进一步加快。",
    # A second held-out set, in the register of a press conference (questions, figures): it found
    # a function word credited where grammar has no place for it (还这些, 将着重点) and 政策 read as
    # 者, both fixed that day.
    "记者：请问今年全市在稳就业方面有哪些新举措？",
    "发言人：谢谢您的提问。今年我们将重点做好三个方面的工作。",
    "记者：企业普遍关心的融资难问题，下一步如何解决？",
    "这项政策能不能真正落地，关键在于各部门是否形成合力。",
    "全市高新技术企业数量达到一千二百家，比上年增加一百五十家，增长百分之十四。",
    "规模以上工业企业研发经费支出占营业收入的比重达到百分之一点八，较上年提高零点二个百分点。",
    "新培育国家级专精特新小巨人企业十八家，省级专精特新中小企业二百三十家。",
    "技术合同成交额突破八十亿元，同比增长百分之二十五，科技成果转化步伐明显加快。",
    "我们围绕新材料、高端装备、新一代信息技术等重点产业，组织实施一批重大科技创新项目。",
    "引进高层次人才团队四十个，新建院士工作站和博士后科研工作站十二家。",
    "科技金融服务持续优化，科技型企业贷款余额增长较快，知识产权质押融资规模不断扩大。",
    "孵化器和众创空间在孵企业超过一千家，带动就业人数近万人。",
    "下一步，我们将持续加大研发投入，完善科技创新政策体系，营造良好创新生态。",
    "截至十一月底，全市累计完成固定资产投资同比增长百分之五点六。",
    "一到十月，全省进出口总值同比增长，其中出口增长快于进口。",
    "请问这些项目什么时候能够建成投用？",
    "为什么要把科技创新摆在如此重要的位置？因为创新是引领发展的第一动力。",
    "全区新增省级以上创新平台二十六家，其中国家级平台三家。",
    "市科技局负责同志介绍了全市科技创新工作进展情况，并回答了记者提问。",
    "加强关键核心技术攻关，努力在集成电路、生物医药等领域取得突破。",
    # A third held-out set, written after the rules above were final and scored before it joined
    # the corpus: over 100 seeds none of its 5,552 damaged spans was repaired wrongly, 963 of the
    # 975 whose bytes decide were recovered, and none of its paragraphs raised a warning undamaged.
    "初步核算，全年地区生产总值比上年增长百分之五点二，其中第一产业增加值增长百分之三点一。",
    "全年城镇新增就业三万二千人，农村劳动力转移就业保持稳定，零就业家庭动态清零。",
    "本市将于下月举办科技成果对接会，邀请高校院所和企业代表参加，促成一批合作项目落地。",
    "该企业自主研发的新型锂电池隔膜材料通过省级鉴定，整体技术达到国内先进水平。",
    "农业科技园区建设取得新成效，新认定省级农业科技园区两家，培育新型职业农民五百余人。",
    "市场监管局提醒广大消费者，购买商品时要索取发票，发现问题及时拨打投诉举报电话。",
    "近年来，我市坚持把人才工作摆在突出位置，出台了一系列引才育才用才的政策措施。",
    "今年以来，全市规模以上工业企业实现营业收入同比增长，利润总额增速由负转正。",
    "围绕煤化工、新材料和锂电等产业，建成一批中试基地和概念验证中心，加速成果转化。",
    "据统计，全市常住人口城镇化率达到百分之六十二，比上年末提高零点八个百分点。",
    "会议强调，要坚持问题导向，聚焦群众反映强烈的突出问题，拿出务实管用的举措。",
    "项目建成后，预计年产值可达十亿元，新增就业岗位八百个，带动上下游企业协同发展。",
    "气象部门预计，未来三天我市以多云天气为主，午后局部地区有雷阵雨，请注意防范。",
    "学校加强科学教育，开设人工智能和编程课程，组织学生参加各类科技创新竞赛。",
    "社区卫生服务中心推出家庭医生签约服务，为老年人和慢性病患者提供上门随访。",
    "这次改革的目的是什么？就是要让数据多跑路、群众少跑腿，提高办事效率。",
    "截至目前，全市已建成充电桩一万二千个，基本实现城区两公里充电服务圈。",
    "文化馆全年举办公益培训三百余场次，惠及群众二万余人次，丰富了群众精神文化生活。",
    "下一阶段，我们还将加强与周边城市的交流合作，共同打造区域科技创新共同体。",
    "省里对我们的支持力度是否会继续加大？答：省里已经明确，明年将继续给予支持。",
)


@dataclass(frozen=True)
class DamagedSpan:
    """One span the damage made: the damaged text and the clean text it stands for."""

    damaged: str
    clean: str
    pattern: str  # "shift" (pattern 2), "misaligned" (pattern 1), or "unmarked" (second decoder)
    lead: int | None = None  # misaligned: the byte the misread character's reading begins with
    reading: str | None = None  # misaligned: the reading the mirror inserted


@lru_cache(maxsize=1)
def _s2tw():
    import opencc

    return opencc.OpenCC("s2tw")


def _traditional(text: str) -> str:
    return _s2tw().convert(text)


def shifted(paragraph: str, rng: random.Random) -> tuple[str, DamagedSpan] | None:
    """The paragraph made Traditional, with one stretch shifted by one byte (`shift_damage`)."""
    text = _traditional(paragraph)
    start = rng.randrange(2, len(text) - 12)
    end = start + rng.randrange(5, 11)
    damaged = mojibake.shift_damage(text[start:end])
    if "\ufffd" in damaged:
        return None
    return text[:start] + damaged + text[end:], DamagedSpan(damaged, text[start:end], "shift")


def misaligned(paragraph: str, rng: random.Random) -> tuple[str, DamagedSpan] | None:
    """The paragraph made Traditional, with an annotation inserted one byte late
    (`misaligned_annotation_damage`); the span runs to where the reading is aligned again."""
    text = _traditional(paragraph)
    index = rng.randrange(2, len(text) - 12)
    try:
        whole = mojibake.misaligned_annotation_damage(text, index)
    except ValueError:
        return None
    flat = text.translate(str.maketrans(mojibake.FLATTEN))
    # the damage starts after text[index]; it ends where the damaged and clean texts agree again
    tail_clean = flat[index + 1 :]
    tail_damaged = whole[index + 1 :]
    agree = 0
    while agree < min(len(tail_clean), len(tail_damaged)) and (
        tail_clean[-1 - agree] == tail_damaged[-1 - agree]
    ):
        agree += 1
    damaged = tail_damaged[: len(tail_damaged) - agree]
    clean = text[index + 1 : len(text) - agree]
    match = mojibake._MISALIGNED.match(damaged)
    lead = text[: index + 1].encode(mojibake.ENCODING)[-1]
    return text[: index + 1] + whole[index + 1 :], DamagedSpan(
        damaged, clean, "misaligned", lead, match.group(1) if match else None
    )


def flattened(paragraph: str) -> str:
    """The paragraph as the mirror printed it without mojibake: Traditional, ASCII punctuation."""
    return _traditional(paragraph).translate(str.maketrans(mojibake.FLATTEN))


def shifted_at_boundary(paragraph: str, rng: random.Random) -> tuple[str, DamagedSpan] | None:
    """A stretch that starts at a 、 or 。 and is shifted, as every span of the release does."""
    text = _traditional(paragraph)
    starts = [i for i, c in enumerate(text[:-8]) if c in "、。" and i > 0]
    if not starts:  # the paragraph's own full stop, with the start of the next one after it
        text = _traditional(
            paragraph + PARAGRAPHS[(PARAGRAPHS.index(paragraph) + 1) % len(PARAGRAPHS)]
        )
        starts = [len(_traditional(paragraph)) - 1]
    if not starts:
        return None
    start = rng.choice(starts)
    end = min(len(text), start + rng.randrange(4, 10))
    damaged = mojibake.shift_damage(text[start:end])
    flat = str.maketrans(mojibake.FLATTEN)
    return (
        text[:start].translate(flat) + damaged + text[end:].translate(flat),
        DamagedSpan(damaged, text[start:end], "shift"),
    )


def shifted_before_mark(paragraph: str, rng: random.Random) -> tuple[str, DamagedSpan] | None:
    """A stretch that starts one character before a 、 or 。 and is shifted: that character's
    lead byte is lost, and where its second byte and the mark's first make no GBK pair (化。 is
    BBAF A1A3), the character vanishes without a trace."""
    text = _traditional(paragraph)
    starts = [i - 1 for i, c in enumerate(text[:-8]) if c in "、。" and i > 1]
    if not starts:
        return None
    start = rng.choice(starts)
    end = min(len(text), start + rng.randrange(4, 10))
    damaged = mojibake.shift_damage(text[start:end])
    if "\ufffd" in damaged:
        return None
    flat = str.maketrans(mojibake.FLATTEN)
    return (
        text[:start].translate(flat) + damaged + text[end:].translate(flat),
        DamagedSpan(damaged, text[start:end], "shift"),
    )


def unmarked_at_boundary(paragraph: str, rng: random.Random) -> tuple[str, DamagedSpan] | None:
    """A stretch that starts at a 。 and is shifted by the second decoder seen on real pages
    (`unmarked_damage`: GB18030, invalid bytes ignored), which leaves no mark for a lost byte."""
    text = _traditional(paragraph)
    starts = [i for i, c in enumerate(text[:-8]) if c == "。" and i > 0]
    if not starts:
        return None
    start = rng.choice(starts)
    end = min(len(text), start + rng.randrange(4, 10))
    damaged = mojibake.unmarked_damage(text[start:end])
    flat = str.maketrans(mojibake.FLATTEN)
    return (
        text[:start].translate(flat) + damaged + text[end:].translate(flat),
        DamagedSpan(damaged, text[start:end], "unmarked"),
    )


# The forms real pages of the family show that the damage above never made: a reading without
# its tone marks, written twice or three times, or with a space inside the parentheses; a comma
# doubled with the full stop after it (，。).
READING_FORMS = ("toneless", "doubled", "tripled", "spaced")


def with_real_page_forms(paragraph: str, rng: random.Random) -> tuple[str, str]:
    """The paragraph as the mirror printed it (Traditional, flattened), with a reading inserted
    after one character in each real-page form, and its last full stop doubled as ",。".
    Returns (damaged, the form names used)."""
    from pypinyin import Style, pinyin

    text = flattened(paragraph)
    hanzi = [i for i, c in enumerate(text) if HAN.match(c)]
    chosen = sorted(rng.sample(hanzi, len(READING_FORMS)), reverse=True)
    for form, i in zip(READING_FORMS, chosen, strict=True):
        reading = pinyin(text[i], style=Style.TONE)[0][0]
        if form == "toneless":
            inserted = "(" + pinyin(text[i], style=Style.NORMAL)[0][0] + ")"
        elif form == "doubled":
            inserted = f"({reading})({reading})"
        elif form == "tripled":
            inserted = ("(" + pinyin(text[i], style=Style.NORMAL)[0][0] + ")") * 3
        else:
            inserted = f"({reading} )"
        text = text[: i + 1] + inserted + text[i + 1 :]
    if text.endswith("。"):
        text = text[:-1] + ",。"
    return text, ",".join(READING_FORMS)
