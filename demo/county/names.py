"""Chinese name pools and a generator of unique, deterministic personal names.

Surnames are weighted towards southern Jiangsu (周, 钱, 蒋, 恽, 庄, 巢 …); given names
come in three generations so a retired cadre sounds older than a young member.
"""

import random

# Common surnames, the most frequent ones repeated so that they come up more often.
SURNAMES = (
    "王王王李李李张张张刘刘陈陈陈杨黄赵吴吴周周周徐徐孙朱朱胡"
    "钱钱蒋蒋恽庄巢史薛邹承汤顾陆沈沈许何高林郑谢宋唐韩冯邓曹彭"
    "曾袁潘蔡余叶程苏吕丁任姚卢姜崔谭范金石夏方邵万严戴孔殷芮储"
    "谈贺毛惠盛缪吉蔚卜"
)


def _words(text: str) -> list[str]:
    return text.split()


GIVEN_NAMES = {
    # Born in the 1940s–1960s: veteran party members, retired teachers and cadres.
    "old": _words(
        "建国 国强 德明 福根 金生 荣华 秀英 桂英 凤英 月娥 志明 洪法 锡元 才兴 根宝 "
        "国良 伯荣 炳坤 仁德 文华 秀珍 玉兰 桂芳 雪英 宝林 振华 永康 金宝 惠芬 兰英 "
        "锡明 鹤鸣 志远 培德 耀祖 立新 卫民 爱华 菊英 杏林 长根 寿康 顺林 阿大 小妹"
    ),
    # Born in the 1960s–1980s: village and town cadres, entrepreneurs.
    "mid": _words(
        "卫东 建华 志刚 红梅 海燕 晓东 建军 国平 建平 小平 春华 明华 亚军 云峰 学军 "
        "晓峰 美华 玉芬 彩霞 丽萍 俊 斌 剑 峰 伟 勇 军 敏 丽 静 红霞 建忠 国华 新华 "
        "立军 向东 爱国 秋萍 雪芳 伟民 志强 金龙 永刚 建明 惠明 文杰 晓燕 丽娟 健"
    ),
    # Born after 1985: selected graduates (选调生), college-graduate village officials.
    "young": _words(
        "思远 雨涵 子轩 浩然 佳怡 欣怡 宇航 文博 梦婷 晨阳 俊杰 佳琪 天宇 嘉豪 欣然 "
        "心怡 一鸣 雅婷 诗涵 昊天 梓涵 明轩 若曦 家豪 可欣 亦凡 雨婷 子涵 晓雯 博文"
    ),
}


class NameBook:
    """Hands out personal names that are unique within one seed run.

    Deterministic: the same sequence of calls gives the same names on every run.
    """

    def __init__(self, rng: random.Random):
        self._rng = rng
        self._taken: set[str] = set()

    def reserve(self, *names: str) -> None:
        """Mark hand-picked names (the demo users, the roster) as taken."""
        self._taken.update(names)

    def person(self, generation: str = "mid") -> str:
        pool = GIVEN_NAMES[generation]
        for _ in range(1000):
            name = self._rng.choice(SURNAMES) + self._rng.choice(pool)
            if name not in self._taken:
                self._taken.add(name)
                return name
        raise RuntimeError(f"name pool {generation!r} exhausted")


# The county's inspection cadres who serve on teams but are not demo logins:
# (username in pinyin, name, usual post, kind). Kinds: "leader" may lead a team,
# "commission" heads a commission office (副组长, 纪检监察室负责同志兼任), "deputy" may
# serve as the other deputy, "member" is a team member.
INSPECTOR_ROSTER = (
    ("chenjianhua", "陈建华", "原魏村乡党委书记", "leader"),
    ("zhouguoliang", "周国良", "县委巡察办副主任", "leader"),
    ("jiangweimin", "蒋伟民", "原安家乡乡长", "leader"),
    ("yunzhiqiang", "恽志强", "原春江镇党委副书记", "leader"),
    ("gulijuan", "顾丽娟", "县纪委监委第一纪检监察室主任", "commission"),
    ("tangjianzhong", "汤建忠", "县纪委监委第二纪检监察室主任", "commission"),
    ("xuehaiyan", "薛海燕", "县纪委监委第三纪检监察室主任", "commission"),
    ("zouxiangdong", "邹向东", "县纪委监委第四纪检监察室主任", "commission"),
    ("shenqiuping", "沈秋萍", "县审计局副局长", "deputy"),
    ("qianlijun", "钱立军", "原三井街道人大工委主任", "deputy"),
    ("zhuangyunfeng", "庄云峰", "县农业农村局农经科科长", "deputy"),
    ("chaoxuefang", "巢雪芳", "县委组织部组织科副科长", "deputy"),
    ("wangziheng", "王子恒", "县财政局会计科科员", "member"),
    ("liyuhan", "李雨涵", "县审计局审计员", "member"),
    ("zhangyiming", "张一鸣", "春江镇选调生", "member"),
    ("liujiahao", "刘家豪", "河海街道大学生村官", "member"),
    ("wumengting", "吴梦婷", "县民政局社会救助科科员", "member"),
    ("xuhaoran", "徐浩然", "县委巡察办综合科科员", "member"),
    ("sunwenbo", "孙文博", "县农业农村局农经站会计师", "member"),
    ("hujiaqi", "胡佳琪", "安家乡选调生", "member"),
    ("yexinyi", "叶心怡", "县人社局科员", "member"),
    ("dingtianyu", "丁天宇", "魏村乡大学生村官", "member"),
    ("fanruoxi", "范若曦", "县住建局工程科科员", "member"),
    ("songbowen", "宋博文", "龙虎塘街道党政办科员", "member"),
)
