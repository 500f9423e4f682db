"""Known-wrong answers of 01-anh-san-pham: each must fail the check it targets, with its message.

Rows: ``(answer cell id, learner code for that cell, test cell id, text the failure must contain)``.
Each row is run three ways (tests/courses/test_known_wrong.py): the hidden check in the source,
the public self-check in the learner's copy, and the sandboxed grader's trusted comparison.
"""

KNOWN_WRONG: list[tuple[str, str, str, str]] = [
    (
        "cau-1",
        "kich_thuoc = photo.load_sample('gao-khong-vuong').shape[:2]",
        "kiem-tra-cau-1",
        "(cao, rộng)",
    ),
    (
        "cau-1",
        "kich_thuoc = photo.load_sample('gao-khong-vuong').shape",
        "kiem-tra-cau-1",
        "2 phần tử",
    ),
    ("cau-2", "ti_le_khung = kich_thuoc[1] / kich_thuoc[0]", "kiem-tra-cau-2", "cao ÷ rộng"),
    ("cau-2", "ti_le_khung = '4:3'", "kiem-tra-cau-2", "một số"),
    (
        "cau-3",
        "do_sang = float(photo.load_sample('tra-toi').mean())",
        "kiem-tra-cau-3",
        "trung bình cộng",
    ),
    (
        "cau-3",
        "do_sang = photo.brightness(photo.load_sample('tra-chuan'))",
        "kiem-tra-cau-3",
        "tra-chuan",
    ),
    (
        "cau-3",
        "do_sang = photo.brightness(photo.load_sample('tra-toi')) * 255",
        "kiem-tra-cau-3",
        "ngoài khoảng",
    ),
    ("cau-4", "anh_mo_nhat = 'mat-ong-chuan'", "kiem-tra-cau-4", "ảnh NÉT"),
    ("cau-4", "anh_mo_nhat = 'mat-ong-mo'", "kiem-tra-cau-4", "chưa mờ nhất"),
    ("cau-4", "anh_mo_nhat = 'mat-ong-mo.jpg'", "kiem-tra-cau-4", "tên ảnh"),
    (
        "cau-5",
        "loi_anh = ['mờ', 'ám màu', 'cháy sáng', 'lệch tâm']",
        "kiem-tra-cau-5",
        "nhiễu hạt",
    ),
    (
        "cau-5",
        "loi_anh = ['nhiễu', 'ám màu', 'tối', 'lệch tâm']",
        "kiem-tra-cau-5",
        "cháy sáng",
    ),
    ("cau-5", "loi_anh = ['nhiễu', 'ám màu', 'cháy sáng']", "kiem-tra-cau-5", "4 phần tử"),
    (
        "cau-6",
        "ti_le_lap_day = photo.fill_area_ratio(photo.load_sample('nuoc-mam-san-pham-nho'))",
        "kiem-tra-cau-6",
        "tỉ lệ diện tích",
    ),
    ("cau-6", "ti_le_lap_day = 45.6", "kiem-tra-cau-6", "không phải phần trăm"),
    (
        "cau-7",
        "am_mau_sau = photo.colour_cast(photo.pad_to_square(photo.load_sample('ca-phe-am-mau')))",
        "kiem-tra-cau-7",
        "chưa được sửa",
    ),
    (
        "cau-8",
        "so_anh_dat_shopee = int(photo.audit_folder(photo.SAMPLES_DIR, rules='postmart', progress=False)"
        "['passed'].sum())",
        "kiem-tra-cau-8",
        "Postmart",
    ),
    (
        "cau-9",
        "_b = photo.audit_folder(photo.SAMPLES_DIR, rules='postmart', progress=False)\n"
        "can_chup_lai = sorted(_b.loc[~_b['passed'], 'file'])",
        "kiem-tra-cau-9",
        "sửa được bằng phần mềm",
    ),
    ("cau-9", "can_chup_lai = 'tra-toi.jpg'", "kiem-tra-cau-9", "danh sách"),
]
