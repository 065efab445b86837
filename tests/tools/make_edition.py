#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Write an edition file for the store's attack tests (tests/tools/attack_store.sh).

usage: make_edition.py OUT KIND [ARGS...]

  many N SEED [TITLE_OF K=NEW]   N articles of about 3,000 characters each (a 1.2 MB
                                 edition for N=400); article K may get another headline
  huge KB SEED [TITLE]           three articles, the second of about KB kilobytes
                                 (headed TITLE when given)
  same N                         N identical articles (the same headline and text)
  brief TOPIC                    a page of three articles, one of them headed 简讯,
                                 whose text is about TOPIC (its other words vary with it)
  repeat KB PHRASE               one article of KB kilobytes of PHRASE repeated
"""
import random
import sys

WORDS = ("城市 发展 建设 项目 推进 企业 群众 服务 改革 创新 文化 活动 社区 经济 工作 会议 "
         "部署 落实 提升 质量 环境 治理 交通 教育 医疗 科技 人才 产业 市场 政策 乡村 振兴 "
         "生态 保护 安全 生产 民生 就业 消费 投资 开放 合作 数字 平台 基层 干部 党员 志愿").split()


def sentence(rnd, n=None):
    n = n or rnd.randint(6, 14)
    return "".join(rnd.choice(WORDS) for _ in range(n)) + "。"


def article(rnd, title, paras=6, para_len=8):
    body = ["本报讯 " + "".join(sentence(rnd) for _ in range(para_len))]
    body += ["".join(sentence(rnd) for _ in range(para_len)) for _ in range(paras - 1)]
    return title + "\n\n" + "\n\n".join(body) + "\n\n记者 张明\n"


def main():
    out, kind, args = sys.argv[1], sys.argv[2], sys.argv[3:]
    parts = []
    if kind == "many":
        n, seed = int(args[0]), int(args[1])
        retitle = {}
        for a in args[2:]:
            k, new = a.split("=", 1)
            retitle[int(k)] = new
        for i in range(n):
            rnd = random.Random(seed * 100003 + i)
            title = retitle.get(i, f"第{i + 1}篇 " + rnd.choice(WORDS) + rnd.choice(WORDS) + "取得新进展")
            parts.append(article(rnd, title, paras=12, para_len=7))
    elif kind == "huge":
        kb, seed = int(args[0]), int(args[1])
        title = args[2] if len(args) > 2 else "一篇很长的报道"
        rnd = random.Random(seed)
        parts.append(article(rnd, "前面的文章"))
        paras = max(1, kb * 1024 // 1200)
        parts.append(article(random.Random(seed + 1), title, paras=paras, para_len=10))
        parts.append(article(rnd, "后面的文章"))
    elif kind == "same":
        rnd = random.Random(7)
        one = article(rnd, "图片新闻", paras=1, para_len=2)
        parts = [one] * int(args[0])
    elif kind == "brief":
        rnd = random.Random(sum(map(ord, args[0])))
        parts.append(article(rnd, "市政府召开常务会议 部署" + args[0] + "工作"))
        body = "本报讯 " + args[0] + "".join(sentence(rnd) for _ in range(5))
        parts.append("简讯\n\n" + body + "\n\n记者 李华\n")
        parts.append(article(rnd, args[0] + "成效明显"))
    elif kind == "repeat":
        kb, phrase = int(args[0]), args[1]
        text = (phrase * (kb * 1024 // len(phrase.encode()) + 1))
        parts.append("重复的文字\n\n本报讯 " + text + "。\n")
    else:
        sys.exit(__doc__)
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n\n".join(parts))


if __name__ == "__main__":
    main()
