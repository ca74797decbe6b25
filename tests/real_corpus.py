"""Short snippets of real pages of the mirror family (public pages found with the search tool),
each with the page's address, the damaged text as the page shows it, and the clean text a careful
reader gives it. A few dozen characters each: enough to pin a pattern, never a copy of a page.

Where a snippet holds mojibake, `source` is the text as the mirror had it before its byte shift
(Traditional characters, its inserted readings, full-width punctuation), with each shifted stretch
marked «...» (`mojibake.shift_damage`), ⟦...⟧ (the same shift read by the second decoder, which
leaves no mark for the lost byte: `mojibake.unmarked_damage`) or ‹...› (an annotation read one
byte late, `mojibake.misaligned_annotation_damage`; ‹text|reading› names the reading the mirror
inserted).
`redamage(source)` must give the damaged snippet back byte for byte: that is the proof that the
proposed original explains every byte that survived (tests/test_real_pages.py checks it).

`decides` says whether the surviving bytes (and an inserted reading) determine the original of the
snippet's mojibake: True, False (a byte the page lost is needed), or None (no mojibake). A pair
the mirror dropped without a trace (GBK's user-defined rows: F8-FE or AA-AF before a byte from
A1, A1-A7 before one below A1) takes a second byte and a first byte with it; several common
characters fit each, so only a reader's sense of the sentence chooses: such a span is False.
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


_MARKED = re.compile(r"(«[^»]*»|‹[^›]*›|⟦[^⟧]*⟧)")
_FLAT = str.maketrans(mojibake.FLATTEN)


def redamage(source: str) -> str:
    """The damage the mirror did to `source` (see the module doc for the marks)."""
    out = []
    for part in _MARKED.split(source):
        if part.startswith("«"):
            out.append(mojibake.shift_damage(part[1:-1]))
        elif part.startswith("⟦"):
            out.append(mojibake.unmarked_damage(part[1:-1]))
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
        False,  # three pairs dropped (F9 D3 of 基于, AC CE of ，我, F8 DE of 國農)
    ),
    Snippet(
        JIZIHE_1,
        "防止農(nóng)業(yè)生產(chǎn)進(jìn)程因?yàn)闅夂蛞蛩氐挠绊懚l(fā)生延遲",
        "防止农业生产进程因为气候因素的影响而发生延迟",
        "防止農(nóng)業(yè)生產(chǎn)進(jìn)程‹因為氣候因素的影響而發(fā)›生延遲",
        False,  # the pair F8 B0 of 而發 dropped: 而 耳 尔 二 定 ... fit its bytes alike
    ),
    Snippet(
        M_ZGKJSZ,
        "這是因?yàn)檎渭覀円笾苯涌梢?jiàn)的結(jié)果",
        "这是因为政治家们要求直接可见的结果",
        "這是‹因為政治家們要求直接可見(jiàn)›的結(jié)果",
        False,  # the pairs FE D6 of 政治 and AA C7 of 要求 dropped
    ),
    Snippet(
        ZGKJSZ_1,
        "上報(bào)填寫(xiě)格式?jīng)]有統(tǒng)一規(guī)范",
        "上报填写格式没有统一规范",
        "上報(bào)填寫(xiě)格‹式沒|jīng›有統(tǒng)一規(guī)范",
        True,  # jīng fits several characters after 式; only 沒 leaves common hanzi after it
    ),
    # more sites: readings in every form, doubled marks, and shifts of both decoders
    Snippet(
        "http://emploneer.com/gdwk/1h/1030757.html",
        "千文網(wǎng)小編為你整理了多篇相關(guān)的",
        "千文网小编为你整理了多篇相关的",
    ),
    Snippet(
        "http://emrowgh.com/ahsrst/a/202302/789470.html",
        "在當(dāng)今社會生活中,制度對人們來說越來越重要",
        "在当今社会生活中，制度对人们来说越来越重要",
    ),
    Snippet(
        "http://zuancaijixie.com/yanjianggao/358573.html",
        "最新更新日期:",
        "最新更新日期：",
    ),
    Snippet(
        "http://www.dgzhanhua.cn/gongzuojihua",
        "工作計劃的作用是為了指導和推動工作的有效開展,提高工作效率和質(zhì)量",
        "工作计划的作用是为了指导和推动工作的有效开展，提高工作效率和质量",
    ),
    Snippet(
        "http://www.fzlwr.cn/biyelunwen/fanwen/lvyouguanli/109500.html",
        "用游客距離衰減曲線(xiàn)和多種距離累計曲線(xiàn)揭示了觀(guān)光旅游地客源市場(chǎng)空間結構",
        "用游客距离衰减曲线和多种距离累计曲线揭示了观光旅游地客源市场空间结构",
    ),
    Snippet(
        "http://visashare.net/tech/20251014/e179bcc3a2fb4419bb2e80ca0adac986/c.html",
        "日前(qian),國(guo)(guo)務院在(zai)“高質量(liang)完成‘十四五(wu)’規劃”系列(lie)主題新(xin)聞(wen)"
        "發(fa)布(bu)會上指出",
        "日前，国务院在“高质量完成‘十四五’规划”系列主题新闻发布会上指出",
    ),
    Snippet(
        "http://visashare.net/tech/20251014/e179bcc3a2fb4419bb2e80ca0adac986/c.html",
        "推(tui)動(dong)(dong)傳統(tong)產(chan)(chan)(chan)業(ye)(ye)轉(zhuan)型升(sheng)級。",
        "推动传统产业转型升级。",
    ),
    Snippet(
        "http://m.atlasaerialimagingservice.com/page146?article_id=308&pagenum=2",
        "中國制造業(yè)將真正完成從制造業(yè)大國向制造業(yè)強國的升級",
        "中国制造业将真正完成从制造业大国向制造业强国的升级",
    ),
    Snippet(
        "http://m.crossfitfinalpush.com/shenqingshu/baogao/396522.html",
        "申請報告是機關、事業(yè)和企業(yè)單位在公文往來中經(jīng)常用到的重要評議體之一。",
        "申请报告是机关、事业和企业单位在公文往来中经常用到的重要评议体之一。",
    ),
    Snippet(
        "http://www.zhengzhongguoji.com/article/2108149_89373707.html",
        "產(chǎn)權是一種通過(guò)社會(huì )強制而實(shí)現的對某種經(jīng)濟物品的多種用途進(jìn)行選擇的排他性權利。",
        "产权是一种通过社会强制而实现的对某种经济物品的多种用途进行选择的排他性权利。",
    ),
    Snippet(
        "http://837918.com/shouchaobao/5998.html",
        "鍛煉身體增強(qiáng)體質(zhì)的各種活動(dòng),包括田徑、體操、球類、游泳、武術(shù)",
        "锻炼身体增强体质的各种活动，包括田径、体操、球类、游泳、武术",
    ),
    Snippet(
        "https://hnhlg.com/news/show-513098.html",
        "通過徒手或利用各種器械,,運(yùn)用專門科學(xué)的動(dòng)作方式和方法進(jìn)行鍛煉,,以發(fā)達(dá)肌肉、"
        "增長體力,、改善形體",
        "通过徒手或利用各种器械，运用专门科学的动作方式和方法进行锻炼，以发达肌肉、增长体力、改善形体",
    ),
    Snippet(
        "http://www.huangminedu.com.cn/doc/tag-43319-1.html",
        "即工作開展情況——總結(jié)的主干??偨Y(jié)工作的目的",
        "即工作开展情况——总结的主干。总结工作的目的",
        "即工作開展情況——總結(jié)的主干«。總結»(jié)工作的目的",
        True,
    ),
    Snippet(
        "http://aizrj.com/eamyhrbes.html",
        "才能知道自己要做出一道什么樣的可口的菜肴?!案小笔菑淖x中產(chǎn)生的",
        "才能知道自己要做出一道什么样的可口的菜肴。“感”是从读中产生的",
        "才能知道自己要做出一道什么樣的可口的菜肴«。“感”是從讀»中產(chǎn)生的",
        True,
    ),
    Snippet(
        "http://www.www-68455.com/haowen/105603.html",
        "更符合我們扶余縣情?!痹谑∈畬萌舜笪宕螘h上,出席會議的人大代表",
        "更符合我们扶余县情。”在省十届人大五次会议上，出席会议的人大代表",
        "更符合我們扶余縣情«。”在省十屆人大五次會議»上，出席會議的人大代表",
        False,  # the pair FE D7 of 會議 dropped
    ),
    Snippet(
        "http://www.yuanjingfilm.com/article/zhongjibaogao/gzhb/200603/35265.html",
        "取得了顯著成績?,F(xiàn)將工作情況匯報如下:",
        "取得了显著成绩。现将工作情况汇报如下：",
        "取得了顯著成績«。現(xiàn)»將工作情況匯報如下：",
        True,
    ),
    Snippet(
        "http://www.yuanjingfilm.com/article/zhongjibaogao/gzhb/200603/35265.html",
        "規(guī)范化、規?;l(fā)展,取得了顯著成績",
        "规范化、规模化发展，取得了显著成绩",
        "規(guī)范化、規«模化發»(fā)展，取得了顯著成績",
        False,  # the first byte of 模 (C4) is lost, and the pair AF B0 of 化發 dropped
    ),
    Snippet(
        "http://m.kingpenvapepens.com/xindetihui/41865397.html",
        "片內(nèi)具有快速ram,通??赏ㄟ^(guò)獨(dú)立的數(shù)據(jù)總線",
        "片内具有快速ram，通常可通过独立的数据总线",
        "片內(nèi)具有快速ram，通«常可通過»(guò)獨(dú)立的數(shù)據(jù)總線",
        False,  # the first byte of 常 (B3) is lost: any character ending in A3 fits
    ),
    Snippet(
        "http://www.plammmp.com/wendang/2448158.html",
        "當我們備受啟迪時,常??梢詫⑺鼈儗懗梢黄牡皿w會,如此就可以提升我們寫作能力了",
        "当我们备受启迪时，常常可以将它们写成一篇心得体会，如此就可以提升我们写作能力了",
        "當我們備受啟迪時，常«常可以將它們寫成一篇心得體»會，如此就可以提升我們寫作能力了",
        False,  # the first byte of the second 常 is lost
    ),
    Snippet(
        "http://thegardenzadar.com/2023/0324/669264.shtml",
        "研究方向?yàn)楣I(yè)化與工業(yè)發(fā)展",
        "研究方向为工业化与工业发展",
        "研究方‹向為工業|yàn›(yè)化與工業(yè)發(fā)展",
        False,  # the pair A4 98 of 工業 dropped
    ),
    # the second decoder: no "?" for the lost byte
    Snippet(
        "http://yunsheng56.com/diaochabaogao/5415012.html",
        "以便往后開(kāi)展更多有意義的便民利民活動(dòng);顒(dòng)中,志愿者熱情大方",
        "以便往后开展更多有意义的便民利民活动。活动中，志愿者热情大方",
        "以便往后開(kāi)展更多有意義的便民利民活動(dòng)⟦。活動(dòng)⟧中，志愿者熱情大方",
        True,  # 動 lost its second byte to the "(" of its reading, which names it
    ),
    Snippet(
        "http://www.nic007.cn/edu/xlqz/news/2008/05-04/1238321.shtml",
        "與丈夫商量,他也很為難!拔覀冸p方的父母都不在上海",
        "与丈夫商量，他也很为难。“我们双方的父母都不在上海",
        "與丈夫商量，他也很為難⟦。“我們雙⟧方的父母都不在上海",
        True,
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
