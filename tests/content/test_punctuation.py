from gjz_brief.content.punctuation import normalize_punctuation, suspicious_repetitions


def test_half_width_between_chinese_becomes_full_width():
    assert (
        normalize_punctuation("近日,大连市通过;决定:好?是!") == "近日，大连市通过；决定：好？是！"
    )
    assert (
        normalize_punctuation("(数据来源:大连甘井子区委宣传部)")
        == "（数据来源：大连甘井子区委宣传部）"
    )
    assert normalize_punctuation('打造"四个中心"核心') == "打造“四个中心”核心"


def test_latin_and_numbers_are_left_alone():
    assert normalize_punctuation("1,000 and 12:30") == "1,000 and 12:30"
    assert normalize_punctuation("共1,000家") == "共1,000家"


def test_repetitions():
    assert suspicious_repetitions("装备制造制造业") == ["制造制造"]
    assert suspicious_repetitions("复工率率达") == ["率率"]
    assert suspicious_repetitions("客滚滚装码头，常常") == []
