#!/bin/bash
# SPDX-License-Identifier: MIT
# Regenerate the committed bad-input fixtures in tests/fixtures/bad/ (see
# the EXPECT file there for what kanbao must do with each). They are built
# from one short edition text so that every fixture differs from a good
# edition in exactly the way its name says. Needs python3 and iconv.
#
# usage: tests/tools/make_bad_fixtures.sh [project-source-root]
set -euo pipefail

root=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
out=$root/tests/fixtures/bad
mkdir -p "$out"
cd "$out"

# The base edition: page header, kicker, headline, body paragraphs, a byline
# and a second article. Only GBK characters, so iconv -t GBK can encode it.
base=$(cat <<'TEXT'
郑州日报 2017年9月5日 星期二 第三版

加快建设国家中心城市 高新在努力

高新区召开自主创新示范区建设推进大会

本报讯 9月4日上午，高新区召开郑洛新国家自主创新示范区建设推进大会，总结前一阶段工作，部署下一步任务。会议强调，要围绕“四链一城”的着力方向，加快科技成果转化，持续优化营商环境。

会议指出，今年以来，全区新增高新技术企业一百二十家，技术合同成交额同比增长百分之三十五，创新创业活力持续增强。下一步，要以项目建设为抓手，推动大数据产业园、北斗产业园等重点项目早日落地见效。

记者 张三 通讯员 李四

中原科创谷首批项目签约

本报讯 昨日，中原科创谷首批十二个项目集中签约，总投资八十六亿元，涵盖智能制造、信息安全和生物医药等领域。

据介绍，科创谷将建设孵化器、加速器和产业园，为入驻企业提供从研发到量产的全链条服务。

记者 王五
TEXT
)
printf '%s\n' "$base" > /tmp/kb_base_$$.txt
trap 'rm -f /tmp/kb_base_$$.txt' EXIT

# GBK and GB18030: converted by iconv. The GB18030 file adds characters
# outside GBK, written as 4-byte sequences: 𠮷 (U+20BB7) and ¥ (U+00A5).
iconv -f UTF-8 -t GBK < /tmp/kb_base_$$.txt > gbk.txt
sed 's/持续优化营商环境。/持续优化营商环境。𠮷祥路商户的标价以¥计。/' \
	/tmp/kb_base_$$.txt | iconv -f UTF-8 -t GB18030 > gb18030.txt

python3 - /tmp/kb_base_$$.txt <<'PY'
import sys

base = open(sys.argv[1], 'rb').read()
paras = base.split(b'\n\n')
head, body = b'\n\n'.join(paras[:4]), b'\n\n'.join(paras[4:])


def put(name, data):
    open(name, 'wb').write(data)


def with_lines(lines):
    """The base edition with extra body paragraphs, one per bad line."""
    return head + b'\n\n' + b'\n\n'.join(lines) + b'\n\n' + body


def para(label, bad):
    """A Chinese paragraph that carries bad bytes in the middle."""
    return ('测试段落：' + label + '，前面是正常文字').encode() + bad + \
        '，后面也是正常文字。'.encode()


put('bom.txt', b'\xef\xbb\xbf' + base)
put('crlf.txt', base.replace(b'\n', b'\r\n'))
put('lone-cr.txt', base.replace(b'\n', b'\r'))
put('empty.txt', b'')
put('utf16le-bom.txt', b'\xff\xfe' + base.decode().encode('utf-16-le'))

# NUL bytes inside an otherwise good edition.
put('nul.txt', head + b'\n\n' + body.replace('记者 王五'.encode(),
                                              b'\x00\x00\x00\x00'))

# A binary file: PNG-like header, then 400 bytes of every value, NULs too.
put('binary.dat', b'\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR' +
    bytes((i * 37 + 11) % 256 for i in range(400)))

# Overlong forms of '/', NUL, and the largest overlong of each length.
put('overlong.txt', with_lines([
    para('斜线两字节', b'\xc0\xaf'),
    para('斜线三字节', b'\xe0\x80\xaf'),
    para('斜线四字节', b'\xf0\x80\x80\xaf'),
    para('斜线五字节', b'\xf8\x80\x80\x80\xaf'),
    para('斜线六字节', b'\xfc\x80\x80\x80\x80\xaf'),
    para('空字符', b'\xc0\x80'),
    para('最大两字节', b'\xc1\xbf'),
    para('最大三字节', b'\xe0\x9f\xbf'),
    para('最大四字节', b'\xf0\x8f\xbf\xbf'),
]))

# UTF-16 surrogates encoded in UTF-8 (CESU-8 style), single and paired.
put('surrogates.txt', with_lines([
    para('高代理起点', b'\xed\xa0\x80'),
    para('高代理私用', b'\xed\xad\xbf\xed\xae\x80'),
    para('高代理终点', b'\xed\xaf\xbf'),
    para('低代理', b'\xed\xb0\x80\xed\xbe\x80\xed\xbf\xbf'),
    para('成对代理', b'\xed\xa0\x80\xed\xb0\x80\xed\xaf\xbf\xed\xbf\xbf'),
    para('表情符号', b'\xed\xa0\xbd\xed\xb8\x80'),
]))

# A multi-byte sequence cut off by the end of the file.
put('truncated-end.txt', base + '最后一个字被截断：'.encode() + b'\xe4\xb8')

# After Markus Kuhn's UTF-8 decoder stress test: its categories, written
# anew (the original is not available offline), inside a good edition.
kuhn = []
# 1-2 correct text and boundary cases, which must come through unchanged
kuhn.append('正确文字：κόσμε'.encode())
kuhn.append('边界：'.encode() + bytes([0xc2, 0x80, 0x20, 0xdf, 0xbf, 0x20,
                                     0xe0, 0xa0, 0x80, 0x20, 0xef, 0xbf,
                                     0xbf, 0x20, 0xf0, 0x90, 0x80, 0x80,
                                     0x20, 0xf4, 0x8f, 0xbf, 0xbf, 0x20,
                                     0xed, 0x9f, 0xbf, 0x20, 0xee, 0x80,
                                     0x80, 0x20, 0xef, 0xbf, 0xbd]))
# 2 first invalid past U+10FFFF, 5- and 6-byte forms
kuhn.append(para('超出范围', b'\xf4\x90\x80\x80 \xf7\xbf\xbf\xbf'))
kuhn.append(para('五六字节', b'\xf8\x88\x80\x80\x80 \xfb\xbf\xbf\xbf\xbf '
                 b'\xfc\x84\x80\x80\x80\x80 \xfd\xbf\xbf\xbf\xbf\xbf'))
# 3.1 unexpected continuation bytes, 3.1.9 all 64 of them
kuhn.append(para('续字节', b'\x80 \xbf \x80\xbf \x80\xbf\x80 \x80\xbf\x80\xbf'))
kuhn.append(para('全部续字节', bytes(range(0x80, 0xc0))))
# 3.2 lonely start characters, each followed by a space
for lo, hi, label in ((0xc0, 0xe0, '两字节起始'), (0xe0, 0xf0, '三字节起始'),
                      (0xf0, 0xf8, '四字节起始'), (0xf8, 0xfc, '五字节起始'),
                      (0xfc, 0xfe, '六字节起始')):
    kuhn.append(para(label, b''.join(bytes([c, 0x20]) for c in range(lo, hi))))
# 3.3 sequences with the last continuation byte missing
missing = [b'\xc0', b'\xe0\x80', b'\xf0\x80\x80', b'\xf8\x80\x80\x80',
           b'\xfc\x80\x80\x80\x80', b'\xdf', b'\xef\xbf', b'\xf7\xbf\xbf',
           b'\xfb\xbf\xbf\xbf', b'\xfd\xbf\xbf\xbf\xbf']
for i, m in enumerate(missing):
    kuhn.append(para('缺少末字节%d' % (i + 1), m))
# 3.4 all of 3.3 concatenated
kuhn.append(para('连续不完整', b''.join(missing)))
# 3.5 impossible bytes
kuhn.append(para('不可能字节', b'\xfe \xff \xfe\xfe\xff\xff'))
# 4 overlong forms, 5 surrogates (also in their own fixtures)
kuhn.append(para('超长形式', b'\xc0\xaf \xe0\x80\xaf \xf0\x80\x80\xaf '
                 b'\xc1\xbf \xe0\x9f\xbf \xf0\x8f\xbf\xbf \xc0\x80'))
kuhn.append(para('代理', b'\xed\xa0\x80 \xed\xbf\xbf \xed\xa0\x80\xed\xb0\x80'))
# 5.3 noncharacters are valid UTF-8 and must come through unchanged
kuhn.append('非字符：'.encode() + b'\xef\xbf\xbe \xef\xbf\xbf')
# enough good text that the file is still recognised as UTF-8 (90% rule)
good = body.split(b'\n\n')[0]
put('invalid-utf8.txt', with_lines(kuhn) + b'\n\n' + b'\n\n'.join([good] * 14) + b'\n')
PY
ls -l "$out"
