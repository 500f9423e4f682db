"""Known-wrong answers of 01-anh-san-pham: each must fail the check it targets, with its message.

Rows: ``(answer cell id, learner code for that cell, test cell id, text the failure must contain)``.
Each row is run three ways (tests/courses/test_known_wrong.py): the hidden check in the source,
the public self-check in the learner's copy, and the sandboxed grader's trusted comparison.
"""

_BANG = 'bang = photo.audit_folder(thu_muc, rules="postmart", progress=False)\n'
_SUA_DUOC = 'sua_duoc = [t for t in bang.loc[~bang["passed"], "file"] if t not in can_chup_lai]\n'

KNOWN_WRONG: list[tuple[str, str, str, str]] = [
    # 1: width × height
    (
        "cau-1",
        'kich_thuoc = photo.load_image(thu_muc / "anh-09.jpg").shape[:2]',
        "kiem-tra-cau-1",
        "(cao, rộng)",
    ),
    (
        "cau-1",
        'kich_thuoc = photo.load_image(thu_muc / "anh-09.jpg").shape',
        "kiem-tra-cau-1",
        "2 phần tử",
    ),
    # 2: aspect ratio
    ("cau-2", "ti_le_khung = kich_thuoc[1] / kich_thuoc[0]", "kiem-tra-cau-2", "cao ÷ rộng"),
    ("cau-2", "ti_le_khung = '4:3'", "kiem-tra-cau-2", "một số"),
    # 3: photos ready now
    ("cau-3", _BANG + 'so_anh_dat = int((~bang["passed"]).sum())', "kiem-tra-cau-3", "KHÔNG đạt"),
    ("cau-3", _BANG + "so_anh_dat = len(bang)", "kiem-tra-cau-3", "số ảnh trong thư mục"),
    (
        "cau-3",
        'bang = photo.audit_folder(thu_muc, rules="lazada", progress=False)\n'
        'so_anh_dat = int(bang["passed"].sum())',
        "kiem-tra-cau-3",
        "Lazada",
    ),
    ("cau-3", "so_anh_dat = 30", "kiem-tra-cau-3", "ngoài khoảng"),
    # 4: naming the failure
    (
        "cau-4",
        _BANG + 'loi_chinh = ["centred", "noise", "size", "sharpness"]',
        "kiem-tra-cau-4",
        "đổi chỗ ảnh mờ và ảnh nhiễu",
    ),
    (
        "cau-4",
        _BANG + 'loi_chinh = ["centred", "sharpness", "size", "sharpness"]',
        "kiem-tra-cau-4",
        "anh-12.jpg không mờ",
    ),
    (
        "cau-4",
        _BANG + 'loi_chinh = ["centred", "noise", "size", "noise"]',
        "kiem-tra-cau-4",
        "anh-03.jpg không nhiễu",
    ),
    (
        "cau-4",
        _BANG + 'loi_chinh = ["centred", "sharpness", "size"]',
        "kiem-tra-cau-4",
        "4 phần tử",
    ),
    # 5: the one fix-or-reshoot rule
    (
        "cau-5",
        _BANG + 'can_chup_lai = sorted(bang.loc[~bang["passed"], "file"])',
        "kiem-tra-cau-5",
        "sửa được bằng phần mềm",
    ),
    (
        "cau-5",
        _BANG + 'can_chup_lai = sorted(t for t, l in zip(bang["file"], bang["failed_rules"])'
        ' if {"sharpness", "noise", "exposure"} & set(l.split(";")))',
        "kiem-tra-cau-5",
        "ảnh tối, ảnh quá ít điểm ảnh",
    ),
    (
        "cau-5",
        _BANG + 'can_chup_lai = sorted(t.removesuffix(".jpg") for t, l in zip(bang["file"], '
        'bang["failed_rules"]) if photo.RESHOOT_RULES & set(l.split(";")))',
        "kiem-tra-cau-5",
        "đuôi .jpg",
    ),
    (
        "cau-5",
        _BANG + 'can_chup_lai = [t for t, l in zip(bang["file"], bang["failed_rules"])'
        ' if photo.RESHOOT_RULES & set(l.split(";"))][::-1]',
        "kiem-tra-cau-5",
        "sorted",
    ),
    ("cau-5", "can_chup_lai = 'anh-03.jpg'", "kiem-tra-cau-5", "danh sách"),
    # 6: white balance
    (
        "cau-6",
        'am_mau_sau = photo.colour_cast(photo.pad_to_square(photo.load_image(thu_muc / "anh-04.jpg")))',
        "kiem-tra-cau-6",
        "chưa được sửa",
    ),
    ("cau-6", "am_mau_sau = 15.6", "kiem-tra-cau-6", "ngoài khoảng"),
    # 7: fix, then check again
    (
        "cau-7",
        _BANG + 'da_sua_dat = sorted(bang.loc[bang["passed"], "file"])',
        "kiem-tra-cau-7",
        "đạt từ đầu",
    ),
    (
        "cau-7",
        _BANG + 'da_sua_dat = sorted(["anh-01.jpg", "anh-04.jpg", "anh-09.jpg"]'
        ' + list(bang.loc[bang["passed"], "file"]))',
        "kiem-tra-cau-7",
        "vốn đã đạt",
    ),
    ("cau-7", "da_sua_dat = []", "kiem-tra-cau-7", "Danh sách trống"),
    # fixed, but never checked again: every fixable photo counted as passing
    (
        "cau-7",
        _SUA_DUOC + "da_sua_dat = sorted(sua_duoc)",
        "kiem-tra-cau-7",
        "chưa kiểm tra lại",
    ),
    (
        "cau-7",
        _SUA_DUOC + "da_sua_dat = []\nfor ten in sua_duoc:\n"
        '    anh_sua, cach = photo.auto_fix(photo.read_photo(thu_muc / ten), rules="postmart")\n'
        "    da_sua_dat.append(ten)\nda_sua_dat = sorted(da_sua_dat)",
        "kiem-tra-cau-7",
        "chưa kiểm tra lại",
    ),
    # checked again, but the original file instead of the fixed photo
    (
        "cau-7",
        _SUA_DUOC + "da_sua_dat = []\nfor ten in sua_duoc:\n"
        '    anh_sua, cach = photo.auto_fix(photo.read_photo(thu_muc / ten), rules="postmart")\n'
        '    if photo.audit(thu_muc / ten, rules="postmart").passed:\n'
        "        da_sua_dat.append(ten)",
        "kiem-tra-cau-7",
        "ảnh gốc",
    ),
    # the pre-fix audit of question 3 reported as the result
    (
        "cau-7",
        _SUA_DUOC
        + 'da_sua_dat = sorted(t for t in sua_duoc if bang.set_index("file").loc[t, "passed"])',
        "kiem-tra-cau-7",
        "ảnh gốc",
    ),
    # the photos that still fail after fixing, reported as the ones that pass
    (
        "cau-7",
        _SUA_DUOC + "da_sua_dat = sorted(t for t in sua_duoc if not photo.audit(photo.auto_fix("
        'photo.read_photo(thu_muc / t), rules="postmart")[0], rules="postmart").passed)',
        "kiem-tra-cau-7",
        "phải chụp lại chúng",
    ),
]
