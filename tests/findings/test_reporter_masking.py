"""The reporter masked out of a text (findings/reporter.py): what the draft of 转为问题
takes out, what the rule refuses, and what both leave alone."""

from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from findings.reporter import mask_reporter_out, reporter_names, reporter_traces_in


def petition(name="柏永康", contact="13912345678"):
    return SimpleNamespace(reporter_name=name, reporter_contact=contact)


@pytest.mark.parametrize(
    ("name", "names"),
    [
        ("柏永康", ["柏永康", "永康"]),
        ("欧阳明华", ["欧阳明华", "明华"]),
        ("王欣", ["王欣"]),
        ("", []),
    ],
)
def test_the_full_name_and_a_given_name_of_two_characters_or_more(name, names):
    assert reporter_names(petition(name)) == names


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("本人柏永康（村民）实名反映：低保不公。", "反映人（村民）实名反映：低保不公。"),
        ("永康说低保不公。", "反映人说低保不公。"),
        ("来电：+86 139 1234 5678", "来电：（联系方式已隐去）"),
        ("座机(0519)86543210，", "座机（联系方式已隐去），"),
        ("邮箱bai.yk@example.cn。", "邮箱（联系方式已隐去）。"),
        ("身份证32048119800312451X。", "身份证（身份证号已隐去）。"),
        ("微信号：byk_1980，", "微信号：（联系方式已隐去），"),
    ],
)
def test_the_draft_takes_out_names_and_contacts(text, masked):
    assert mask_reporter_out(text, petition()) == masked


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("本人张小明实名举报村会计。", "反映人实名举报村会计。"),
        ("举报人：李四，反映村主任。", "举报人：反映人，反映村主任。"),
    ],
)
def test_a_name_the_text_gives_of_its_writer_goes_even_when_the_petition_names_none(text, masked):
    assert mask_reporter_out(text, petition(name="", contact="")) == masked


@pytest.mark.parametrize(
    "text",
    [
        "本人反映村干部优亲厚友，涉及金额13000元，时间2024-01-01至2024-12-31。",
        "村集体账户6222021234567890123收支未公开，共3笔。",
        "我是村民，反映村主任。",
        "本人的意见，村务应当公开。",
    ],
)
def test_what_is_no_reporter_stays(text):
    assert mask_reporter_out(text, petition()) == text
    assert reporter_traces_in(text, petition()) == []


PIECES = st.sampled_from(
    [
        "柏永康",
        "永康",
        "本人",
        "13912345678",
        "0519-86543210",
        "bai@qq.com",
        "320481198003124512",
        "电话",
        "微信",
        "：",
        "（",
        "，",
        " ",
        "-",
        "村",
        "反映",
        "实名",
        "1",
        "0",
        "5",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=12).map("".join))
def test_the_draft_always_passes_the_rule_and_masking_again_changes_nothing(text):
    masked = mask_reporter_out(text, petition())
    assert reporter_traces_in(masked, petition()) == []
    assert mask_reporter_out(masked, petition()) == masked
