"""Short snippets of real pages of the mirror family (public pages found with the search tool),
each with the page's address, the damaged text as the page shows it, and the clean text a careful
reader gives it. A few dozen characters each: enough to pin a pattern, never a copy of a page.

Where a snippet holds mojibake, `source` is the text as the mirror had it before its byte shift
(Traditional characters, its inserted readings, full-width punctuation), with each shifted stretch
marked «...» (`mojibake.shift_damage`) or ‹...› (an annotation read one byte late,
`mojibake.misaligned_annotation_damage`; ‹text|reading› names the reading the mirror inserted).
`redamage(source)` must give the damaged snippet back byte for byte: that is the proof that the
proposed original explains every byte that survived (tests/test_real_pages.py checks it).

`decides` says whether the surviving bytes (and an inserted reading) determine the original of the
snippet's mojibake: True, False (a byte the page lost is needed), or None (no mojibake).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from helpers.repair import mojibake


@dataclass(frozen=True)
class Snippet:
    url: str
    damaged: str
    clean: str
    source: str = ""  # the mirror's text before the shift, stretches marked; "" without mojibake
    decides: bool | None = None


_MARKED = re.compile(r"(«[^»]*»|‹[^›]*›)")
_FLAT = str.maketrans(mojibake.FLATTEN)


def redamage(source: str) -> str:
    """The damage the mirror did to `source` (see the module doc for the marks)."""
    out = []
    for part in _MARKED.split(source):
        if part.startswith("«"):
            out.append(mojibake.shift_damage(part[1:-1]))
        elif part.startswith("‹"):
            body, _, reading = part[1:-1].partition("|")
            out.append(mojibake.misaligned_annotation_damage(body, 0, reading or None))
        else:
            out.append(part.translate(_FLAT))
    return "".join(out)


ZGKJSZ_1 = "http://zgkjsz.com/page/2020/0727/18237564.shtml"
JIZIHE_1 = "http://jizihe.com/page/2022/1222/13308005.shtml"
M_JIZIHE_1 = "http://m.jizihe.com/page/2021/1106/13892573.shtml"
ZGKJSZ_2 = "http://zgkjsz.com/page/2015/1102/20970606.shtml"
M_ZGKJSZ = "http://m.zgkjsz.com/page/2021/0213/17066792.shtml"
VICTOR = "http://www.victorzhang.cn/page/2019/1028/15233250.shtml"

SNIPPETS = (
    # readings, Traditional characters, flattened punctuation
    Snippet(
        "http://zgkjsz.com/page/2019/0521/19332097.shtml",
        "甘肅和貴州是兩個典型的西部地區(qū)欠發(fā)達省份。",
        "甘肃和贵州是两个典型的西部地区欠发达省份。",
    ),
    Snippet(
        M_ZGKJSZ,
        "20世紀(jì)70年代,一些國(guó)家開(kāi)始在其學(xué)校課程體系中引入技術(shù)教育。",
        "20世纪70年代，一些国家开始在其学校课程体系中引入技术教育。",
    ),
    Snippet(
        "http://m.jizihe.com/page/2020/0715/11950644.shtml",
        "長江經(jīng)濟(jì)帶作為橫跨了我國三大區(qū)域的內(nèi)河經(jīng)濟(jì)帶",
        "长江经济带作为横跨了我国三大区域的内河经济带",
    ),
    Snippet(
        "http://jizihe.com/page/2021/0519/12448146.shtml",
        "在新常態(tài)下,高技術產業(yè)助力實現經濟高質量發(fā)展尤為重要[2]",
        "在新常态下，高技术产业助力实现经济高质量发展尤为重要[2]",
    ),
    Snippet(
        "http://cmbags.cn/topic_196/7654",
        "解構產(chǎn)業(yè)層次、市場化程度、約束條件內(nèi)在的制約因素",
        "解构产业层次、市场化程度、约束条件内在的制约因素",
    ),
    Snippet(
        "http://m.professionalcentralcontractors.com/Lmdd-909.html",
        "發(fā)布日期:2018-05-01 18:36:13",
        "发布日期：2018-05-01 18:36:13",
    ),
    Snippet(
        "http://dcqhyn.cn/news/show-347940.html",
        "當(dāng)前,新一輪科技革命和產(chǎn)業(yè)變革深入發(fā)展",
        "当前，新一轮科技革命和产业变革深入发展",
    ),
    Snippet(
        "http://marlboros.cc/news/jiceng/2021-03-03/60782.html",
        "比上年增加111家,新增數(shù)量連續(xù)3年取得歷史性突破",
        "比上年增加111家，新增数量连续3年取得历史性突破",
    ),
    Snippet(
        "http://www.handmsg.com/page/2021/1126/21056704.shtml",
        "人類戰(zhàn)勝大災(zāi)大疫離不開科學(xué)發(fā)展和技術(shù)創(chuàng)新。",
        "人类战胜大灾大疫离不开科学发展和技术创新。",
    ),
    Snippet(
        "http://www.handmsg.com/page/2021/0825/12129713.shtml",
        "目前,我國(guó)中小企業(yè)數(shù)量已超過(guò)3 800萬(wàn)戶",
        "目前，我国中小企业数量已超过3 800万户",
    ),
    Snippet(
        "http://ptmygj.cn/zhangjie/201912/14958616.html",
        "推廣的科技成果數(shù)占成果總數(shù)的百分比。",
        "推广的科技成果数占成果总数的百分比。",
    ),
    Snippet(
        "http://hbdingbang.cn/file/yiyuanxianjingerencailiao.html",
        "醫(yī)院(Hospital)一詞來(lái)自拉丁文,原意為“客人”",
        "医院(Hospital)一词来自拉丁文，原意为“客人”",
    ),
    Snippet(
        "http://51ezw.net/news-p12.html",
        "全國(guó)4778個(gè)地下水監(jiān)測(cè)點(diǎn)中,有六成水質(zhì)較差和極差。",
        "全国4778个地下水监测点中，有六成水质较差和极差。",
    ),
    Snippet(
        "http://m.jizihe.com/page/2020/0226/17927904.shtml",
        "大學(xué)教學(xué)質(zhì)量關(guān)乎國(guó)家高等教育競爭力整體水平",
        "大学教学质量关乎国家高等教育竞争力整体水平",
    ),
    Snippet(
        "http://m.jizihe.com/page/2019/0709/16071343.shtml",
        "是臨床教學(xué)醫(yī)院的重要教學(xué)任務(wù);而且要促進(jìn)對(duì)該課程知識(shí)的掌握",
        "是临床教学医院的重要教学任务；而且要促进对该课程知识的掌握",
    ),
    Snippet(
        "http://zgkjsz.com/page/2014/0827/2738874.shtml",
        "教育部《教育信息化十年發(fā)展規(guī)劃( 2011-2020年)》強(qiáng)調(diào)信息技術(shù)與教育的深度融合。",
        "教育部《教育信息化十年发展规划（ 2011-2020年）》强调信息技术与教育的深度融合。",
    ),
    Snippet(
        "http://jizihe.com/page/2021/0724/14927452.shtml",
        "明確了學(xué)校的立身之本在于立德樹(shù)人。",
        "明确了学校的立身之本在于立德树人。",
    ),
    Snippet(
        "http://www.jizihe.com/page/2023/0616/23122953.shtml",
        "[關(guān)鍵詞]大學(xué)課堂;教學(xué)理念;學(xué)生中心",
        "[关键词]大学课堂；教学理念；学生中心",
    ),
    Snippet(
        "http://www.victorzhang.cn/page/2011/0124/17348732.shtml",
        "氣候變化涉及世界農(nóng)業(yè)和糧食安全、水資源安全",
        "气候变化涉及世界农业和粮食安全、水资源安全",
    ),
    Snippet(
        "http://zgkjsz.com/page/2021/0403/20285642.shtml",
        "近年來,我國醫(yī)療糾紛時有發(fā)生,對社會造成了負(fù)面影響。",
        "近年来，我国医疗纠纷时有发生，对社会造成了负面影响。",
    ),
    # mojibake: a sentence break shifted one byte, the reading inserted after a character
    Snippet(
        ZGKJSZ_1,
        "提出更高的工作要求?,F(xiàn)有農(nóng)作物病蟲(chóng)監(jiān)測(cè)",
        "提出更高的工作要求。现有农作物病虫监测",
        "提出更高的工作要求«。現(xiàn)»有農(nóng)作物病蟲(chóng)監(jiān)測(cè)",
        True,
    ),
    Snippet(
        VICTOR,
        "比2015年增長(zhǎng)0.06%,可見(jiàn)政府對(duì)科技創(chuàng)新的重視?,F(xiàn)階段",
        "比2015年增长0.06%，可见政府对科技创新的重视。现阶段",
        "比2015年增長(zhǎng)0.06%，可見(jiàn)政府對(duì)科技創(chuàng)新的重視«。現(xiàn)»階段",
        True,
    ),
    Snippet(
        M_JIZIHE_1,
        "首先應(yīng)該厘清學(xué)科建設(shè)績(jī)效評(píng)價(jià)的內(nèi)涵?!督y(tǒng)籌推進(jìn)世界一流大學(xué)",
        "首先应该厘清学科建设绩效评价的内涵。《统筹推进世界一流大学",
        "首先應(yīng)該厘清學(xué)科建設(shè)績(jī)效評(píng)價(jià)的內(nèi)涵«。《統(tǒng)»籌推進(jìn)世界一流大學(xué)",
        True,
    ),
    Snippet(
        ZGKJSZ_2,
        "讓我的社會價(jià)值大大提高?!痹谌A東師范大學(xué)",
        "让我的社会价值大大提高。”在华东师范大学",
        "讓我的社會價(jià)值大大提高«。”在華東»師范大學(xué)",
        True,
    ),
    Snippet(
        JIZIHE_1,
        "這主要是因?yàn)槊娣e較大的土地作業(yè)",
        "这主要是因为面积较大的土地作业",
        "這主要是‹因為面積›較大的土地作業(yè)",
        True,
    ),
    Snippet(
        JIZIHE_1,
        "鼓勵(lì)智慧農(nóng)機(jī)實(shí)現(xiàn)全面有效的應(yīng)用?;诖耍覈r(nóng)業(yè)生產(chǎn)部門",
        "鼓励智慧农机实现全面有效的应用。基于此，我国农业生产部门",
        "鼓勵(lì)智慧農(nóng)機(jī)實(shí)現(xiàn)全面有效的應(yīng)用«。基于此，我國農(nóng)»業(yè)生產(chǎn)部門",
        True,
    ),
    Snippet(
        JIZIHE_1,
        "防止農(nóng)業(yè)生產(chǎn)進(jìn)程因?yàn)闅夂蛞蛩氐挠绊懚l(fā)生延遲",
        "防止农业生产进程因为气候因素的影响而发生延迟",
        "防止農(nóng)業(yè)生產(chǎn)進(jìn)程‹因為氣候因素的影響而發(fā)›生延遲",
        True,
    ),
    Snippet(
        M_ZGKJSZ,
        "這是因?yàn)檎渭覀円笾苯涌梢?jiàn)的結(jié)果",
        "这是因为政治家们要求直接可见的结果",
        "這是‹因為政治家們要求直接可見(jiàn)›的結(jié)果",
        True,
    ),
    Snippet(
        ZGKJSZ_1,
        "上報(bào)填寫(xiě)格式?jīng)]有統(tǒng)一規(guī)范",
        "上报填写格式没有统一规范",
        "上報(bào)填寫(xiě)格‹式沒|jīng›有統(tǒng)一規(guī)范",
        True,  # jīng fits several characters after 式; only 沒 leaves common hanzi after it
    ),
)

# Figures of real pages, read from the repaired snippet: (url, repaired text, [(number, unit)]).
FIGURES = (
    (
        "http://www.handmsg.com/page/2021/0825/12129713.shtml",
        "目前，我国中小企业数量已超过3 800万户",
        [("3 800", "万户")],
    ),
    (
        "http://www.handmsg.com/page/2021/0825/12129713.shtml",
        "该省2020年拥有科技型中小企业12 293家[5]",
        [("2020", "年"), ("12 293", "家"), ("5", "")],
    ),
    (
        "http://marlboros.cc/news/jiceng/2021-03-03/60782.html",
        "比上年增加111家，新增数量连续3年取得历史性突破",
        [("111", "家"), ("3", "年")],
    ),
    (
        "http://marlboros.cc/news/jiceng/2021-03-03/60782.html",
        "产值比重达到39.78%，比2019年提高9.08个百分点",
        [("39.78", "%"), ("2019", "年"), ("9.08", "个百分点")],
    ),
    (
        "http://51ezw.net/news-p12.html",
        "全国4778个地下水监测点中，有六成水质较差和极差。",
        [("4778", "个")],
    ),
    (VICTOR, "比2015年增长0.06%，可见政府对科技创新的重视。", [("2015", "年"), ("0.06", "%")]),
    (
        "http://m.jizihe.com/page/2020/0715/11950644.shtml",
        "2016 年9 月，中央出台《长江经济带发展规划纲要》",
        [("2016", "年"), ("9", "月")],
    ),
    (
        "https://www.cngy.gov.cn/gongkai/show/20200113150056-31870-00-000.html",
        "目前全市国家高新技术企业达44家",
        [("44", "家")],
    ),
)
