"""Learner-facing messages of :mod:`toolkit.photo`, registered with :mod:`toolkit.i18n`.

Importing this module registers every ``photo.*`` key once; the other
modules of the package import it for that side effect and use
:func:`toolkit.i18n.t`.
"""

from __future__ import annotations

from toolkit.i18n import register

__all__: list[str] = []

register(
    {
        # --- loading errors -------------------------------------------------
        "photo.error.missing": {
            "vi": "Không tìm thấy tệp ảnh “{name}”. Hãy kiểm tra lại tên tệp và thư mục.",
            "en": "Photo file “{name}” not found. Check the file name and folder.",
        },
        "photo.error.empty": {
            "vi": "Tệp “{name}” rỗng (0 byte), không có ảnh nào bên trong. Hãy sao chép lại từ điện thoại.",
            "en": "File “{name}” is empty (0 bytes). Copy it again from the phone.",
        },
        "photo.error.not_image": {
            "vi": "Không đọc được “{name}”: tệp này không phải là ảnh (JPEG, PNG…) hoặc đã hỏng. "
            "Hãy mở thử tệp trên máy tính rồi lưu lại thành JPEG.",
            "en": "Cannot read “{name}”: it is not an image (JPEG, PNG…) or it is damaged. "
            "Open it on a computer and save it again as JPEG.",
        },
        "photo.error.truncated": {
            "vi": "Ảnh “{name}” bị hỏng hoặc chưa tải về hết ({detail}). "
            "Hãy sao chép lại tệp gốc từ điện thoại.",
            "en": "Photo “{name}” is damaged or incomplete ({detail}). "
            "Copy the original file from the phone again.",
        },
        "photo.error.too_large": {
            "vi": "Ảnh “{name}” quá lớn: {pixels} triệu điểm ảnh (tối đa {limit} triệu). "
            "Tệp như vậy có thể là “bom giải nén” làm treo máy; hãy thu nhỏ ảnh trước khi kiểm tra.",
            "en": "Photo “{name}” is too large: {pixels} million pixels (at most {limit} million). "
            "Such a file may be a decompression bomb; shrink the photo first.",
        },
        "photo.error.unsupported": {
            "vi": "Ảnh “{name}” dùng chế độ màu {mode} mà bộ công cụ chưa đọc được. "
            "Hãy lưu lại thành JPEG (RGB).",
            "en": "Photo “{name}” uses colour mode {mode}, which the toolkit cannot read. "
            "Save it again as JPEG (RGB).",
        },
        # --- array validation -----------------------------------------------
        "photo.error.shape": {
            "vi": "Ảnh phải là mảng numpy cao × rộng (ảnh xám), cao × rộng × 3 (RGB) hoặc "
            "cao × rộng × 4 (RGBA); mảng bạn đưa vào có kích thước {shape}.",
            "en": "An image must be a numpy array height × width (grey), height × width × 3 (RGB) "
            "or height × width × 4 (RGBA); this array has shape {shape}.",
        },
        "photo.error.dtype": {
            "vi": "Ảnh kiểu {dtype} không dùng được; hãy dùng uint8 (0–255) hoặc số thực trong [0, 1].",
            "en": "Images of dtype {dtype} are not supported; use uint8 (0–255) or floats in [0, 1].",
        },
        "photo.error.range": {
            "vi": "Ảnh số thực phải có giá trị trong [0, 1] (như scikit-image), nhưng ảnh này có "
            "giá trị từ {low} đến {high}. Nếu ảnh theo thang 0–255, hãy đổi sang uint8: "
            "anh.astype('uint8').",
            "en": "Float images must hold values in [0, 1] (as in scikit-image); this one goes "
            "from {low} to {high}. If it is on the 0–255 scale, use anh.astype('uint8').",
        },
        "photo.error.int_range": {
            "vi": "Ảnh số nguyên phải có giá trị từ 0 đến 255, nhưng ảnh này có giá trị từ {low} "
            "đến {high}. Hãy dùng np.clip(anh, 0, 255).astype('uint8').",
            "en": "Integer images must hold values from 0 to 255; this one goes from {low} to "
            "{high}. Use np.clip(anh, 0, 255).astype('uint8').",
        },
        "photo.error.mask": {
            "vi": "Mặt nạ (mask) phải là mảng True/False cùng cỡ với ảnh {expected}, nhưng có cỡ {found}.",
            "en": "The mask must be a True/False array of the image's size {expected}, not {found}.",
        },
        "photo.error.rules": {
            "vi": "Không có bộ quy tắc “{name}”. Hãy chọn một trong: {options}.",
            "en": "No rule set named “{name}”. Choose one of: {options}.",
        },
        "photo.error.folder": {
            "vi": "Không tìm thấy thư mục ảnh “{name}”.",
            "en": "Photo folder “{name}” not found.",
        },
        "photo.error.sample": {
            "vi": "Không có ảnh mẫu “{name}”. Các ảnh mẫu: {options}.",
            "en": "No sample photo “{name}”. Samples: {options}.",
        },
        "photo.error.quality": {
            "vi": "Không thể lưu ảnh dưới {limit} kể cả với chất lượng JPEG {quality}. "
            "Hãy thu nhỏ ảnh trước.",
            "en": "Cannot save the photo under {limit} even at JPEG quality {quality}. "
            "Shrink the photo first.",
        },
        # --- rule labels ----------------------------------------------------
        "photo.rule.size": {"vi": "Kích thước tối thiểu", "en": "Minimum size"},
        "photo.rule.max_size": {"vi": "Kích thước tối đa", "en": "Maximum size"},
        "photo.rule.square": {"vi": "Ảnh vuông (tỉ lệ 1:1)", "en": "Square (1:1)"},
        "photo.rule.format": {"vi": "Định dạng tệp", "en": "File format"},
        "photo.rule.file_size": {"vi": "Dung lượng tệp", "en": "File size"},
        "photo.rule.white_background": {"vi": "Nền trắng", "en": "White background"},
        "photo.rule.plain_background": {
            "vi": "Nền trơn, đồng đều",
            "en": "Plain, even background",
        },
        "photo.rule.fill": {
            "vi": "Tỉ lệ lấp đầy khung hình",
            "en": "Fill ratio",
        },
        "photo.rule.centred": {"vi": "Sản phẩm ở giữa khung", "en": "Product centred"},
        "photo.rule.sharpness": {"vi": "Độ nét", "en": "Sharpness"},
        "photo.rule.brightness": {"vi": "Độ sáng", "en": "Brightness"},
        "photo.rule.exposure": {
            "vi": "Cháy sáng / tối đen trên sản phẩm",
            "en": "Clipped highlights / shadows on the product",
        },
        "photo.rule.colour_cast": {"vi": "Ám màu", "en": "Colour cast"},
        "photo.rule.product": {"vi": "Tìm thấy sản phẩm", "en": "Product found"},
        "photo.rule.noise": {"vi": "Độ nhiễu", "en": "Noise"},
        # --- advice ---------------------------------------------------------
        "photo.advice.pass": {"vi": "Đạt.", "en": "Passed."},
        "photo.advice.not_applicable": {
            "vi": "Không áp dụng: chỉ kiểm tra được khi có tệp ảnh.",
            "en": "Not applicable: needs the photo file.",
        },
        "photo.advice.size": {
            "vi": "Ảnh chỉ {width}×{height} px, nhỏ hơn mức tối thiểu {limit}×{limit} px của {market}. "
            "Hãy dùng ảnh gốc từ máy (ảnh gửi qua Zalo/Messenger đã bị thu nhỏ) hoặc chụp lại.",
            "en": "The photo is only {width}×{height} px, below {market}'s minimum of "
            "{limit}×{limit} px. Use the camera original (chat apps shrink photos) or reshoot.",
        },
        "photo.advice.max_size": {
            "vi": "Ảnh {width}×{height} px lớn hơn mức tối đa {limit} px của {market}. "
            "Hãy thu nhỏ ảnh (resize_for) trước khi đăng.",
            "en": "The photo is {width}×{height} px, above {market}'s maximum of {limit} px. "
            "Shrink it (resize_for) before listing.",
        },
        "photo.advice.square": {
            "vi": "Ảnh có tỉ lệ {ratio}, chưa vuông 1:1. Hãy thêm nền trắng cho đủ vuông "
            "(pad_to_square) hoặc cắt lại ảnh.",
            "en": "The aspect ratio is {ratio}, not 1:1. Pad it with white (pad_to_square) "
            "or crop it again.",
        },
        "photo.advice.format": {
            "vi": "Tệp có định dạng {found}; {market} chỉ nhận {formats}. Hãy lưu lại thành JPEG.",
            "en": "The file is {found}; {market} accepts only {formats}. Save it as JPEG.",
        },
        "photo.advice.file_size": {
            "vi": "Tệp nặng {found}, vượt giới hạn {limit} của {market}. "
            "Hãy lưu JPEG với chất lượng thấp hơn (save_for).",
            "en": "The file weighs {found}, above {market}'s limit of {limit}. "
            "Save it as a JPEG at lower quality (save_for).",
        },
        "photo.advice.white_background": {
            "vi": "Chỉ {found} viền ảnh là nền trắng (cần ≥ {limit}). Hãy chụp trên giấy hoặc vải "
            "trắng, đủ sáng; nếu nền ngả màu, hãy cân bằng trắng (white_balance).",
            "en": "Only {found} of the border is white (needs ≥ {limit}). Shoot on white paper or "
            "cloth with enough light; if the background is tinted, white-balance it.",
        },
        "photo.advice.plain_background": {
            "vi": "Nền chưa trơn (độ lệch độ sáng {found}, cần ≤ {limit}). Phần mềm không xóa "
            "gọn được nền rối: hãy dọn đồ vật phía sau, trải một tấm phông trơn rồi chụp lại.",
            "en": "The background is not plain (brightness spread {found}, needs ≤ {limit}). "
            "Software cannot clean a busy backdrop: clear the clutter, use a plain backdrop "
            "and reshoot.",
        },
        "photo.advice.fill": {
            "vi": "Sản phẩm chỉ chiếm {found} khung hình theo cạnh dài nhất (cần ≥ {limit}). "
            "Hãy chụp gần hơn hoặc cắt sát sản phẩm (crop_to_product).",
            "en": "The product fills only {found} of the frame along its longest axis "
            "(needs ≥ {limit}). Move closer or crop to the product (crop_to_product).",
        },
        "photo.advice.centred": {
            "vi": "Sản phẩm lệch khỏi tâm ảnh {found} (cho phép ≤ {limit}). "
            "Hãy đặt sản phẩm vào giữa khung hoặc cắt lại (crop_to_product).",
            "en": "The product is {found} off-centre (at most {limit}). "
            "Put it in the middle of the frame or crop again (crop_to_product).",
        },
        "photo.advice.sharpness": {
            "vi": "Ảnh bị mờ (độ nét {found}, cần ≥ {limit}). Hãy lau ống kính, tì tay cho chắc, "
            "chạm vào sản phẩm trên màn hình để lấy nét rồi chụp lại.",
            "en": "The photo is blurred (sharpness {found}, needs ≥ {limit}). Clean the lens, "
            "steady your hands, tap the product to focus and reshoot.",
        },
        "photo.advice.brightness": {
            "vi": "Ảnh tối: độ sáng {where} là {found}, cần ≥ {limit}. Làm sáng bằng phần mềm chỉ "
            "làm rõ hạt nhiễu, nên hãy chụp lại gần cửa sổ hoặc thêm đèn trắng; đừng bật đèn "
            "flash chiếu thẳng.",
            "en": "The photo is dark: brightness of {where} is {found}, needs ≥ {limit}. "
            "Brightening in software only shows the grain, so reshoot near a window or add a "
            "white lamp; avoid direct flash.",
        },
        "photo.where.backdrop": {"vi": "nền", "en": "the backdrop"},
        "photo.where.photo": {"vi": "cả ảnh", "en": "the whole photo"},
        "photo.measured.backdrop": {"vi": "nền: {value}", "en": "backdrop: {value}"},
        "photo.measured.photo": {"vi": "cả ảnh: {value}", "en": "whole photo: {value}"},
        "photo.limit.backdrop": {"vi": "nền ≥ {limit}", "en": "backdrop ≥ {limit}"},
        "photo.limit.photo": {"vi": "cả ảnh ≥ {limit}", "en": "whole photo ≥ {limit}"},
        "photo.measured.found": {"vi": "tìm thấy", "en": "found"},
        "photo.measured.not_found": {"vi": "không tìm thấy", "en": "not found"},
        "photo.limit.found": {
            "vi": "sản phẩm tách khỏi nền",
            "en": "product stands out from the backdrop",
        },
        "photo.advice.product": {
            "vi": "Máy không tách được sản phẩm khỏi nền: nền quá rối, sản phẩm cùng màu với nền, "
            "hoặc sản phẩm chạm hai mép đối diện của ảnh. Vì vậy không đo được tỉ lệ lấp đầy, "
            "độ lệch tâm và cháy sáng. Hãy chụp lại trên một tấm nền trơn, sáng màu, chừa một "
            "khoảng nền quanh sản phẩm.",
            "en": "The product cannot be told from the backdrop: the backdrop is too busy, the "
            "product has its colour, or it reaches two opposite edges of the photo. Fill, "
            "centring and clipping cannot be measured. Reshoot on a plain, light backdrop with "
            "some space around the product.",
        },
        "photo.advice.no_product": {
            "vi": "Không đo được vì máy không tìm thấy sản phẩm (xem tiêu chí “Tìm thấy sản phẩm”).",
            "en": "Not measured: the product cannot be found (see “Product found”).",
        },
        "photo.advice.busy_background": {
            "vi": "Không đo được ám màu vì nền không trơn: nền nhiều màu không cho biết ánh sáng "
            "có màu gì.",
            "en": "Colour cast not measured: a busy backdrop does not tell the colour of the light.",
        },
        "photo.advice.exposure": {
            "vi": "{found} sản phẩm bị cháy sáng hoặc tối đen: trắng xóa hay đen kịt, mất hết chi "
            "tiết (cho phép ≤ {limit}). Phần mềm không vẽ lại được chi tiết đã mất: hãy chụp lại, "
            "giảm phơi sáng (kéo biểu tượng mặt trời xuống) hoặc dời đèn ra xa.",
            "en": "{found} of the product is blown out or crushed: pure white or black, with no "
            "detail left (at most {limit}). Software cannot bring lost detail back: reshoot with "
            "less exposure or the light further away.",
        },
        "photo.advice.colour_cast": {
            "vi": "Ảnh bị ám màu (độ ám {found}, cho phép ≤ {limit}). Hãy tắt đèn vàng, chụp "
            "dưới ánh sáng ban ngày, hoặc cân bằng trắng (white_balance).",
            "en": "The photo has a colour cast ({found}, at most {limit}). Switch off warm lamps, "
            "shoot in daylight, or white-balance it (white_balance).",
        },
        "photo.advice.noise": {
            "vi": "Ảnh bị nhiễu hạt (độ nhiễu {found}, cho phép ≤ {limit}). Hãy thêm ánh sáng để "
            "máy không phải tăng ISO, rồi chụp lại.",
            "en": "The photo is grainy (noise {found}, at most {limit}). Add light so the camera "
            "does not raise its ISO, then reshoot.",
        },
        # --- metric names (tables, widgets) ---------------------------------
        "photo.metric.width": {"vi": "Chiều rộng (px)", "en": "Width (px)"},
        "photo.metric.height": {"vi": "Chiều cao (px)", "en": "Height (px)"},
        "photo.metric.aspect_ratio": {"vi": "Tỉ lệ rộng/cao", "en": "Aspect ratio"},
        "photo.metric.brightness": {"vi": "Độ sáng", "en": "Brightness"},
        "photo.metric.rms_contrast": {"vi": "Độ tương phản", "en": "RMS contrast"},
        "photo.metric.sharpness": {"vi": "Độ nét", "en": "Sharpness"},
        "photo.metric.tenengrad": {"vi": "Độ nét (Tenengrad)", "en": "Tenengrad"},
        "photo.metric.noise": {"vi": "Độ nhiễu", "en": "Noise σ"},
        "photo.metric.colourfulness": {"vi": "Độ rực màu", "en": "Colourfulness"},
        "photo.metric.colour_cast": {"vi": "Độ ám màu", "en": "Colour cast"},
        "photo.metric.clipping": {
            "vi": "Tỉ lệ cháy sáng/tối đen trên sản phẩm",
            "en": "Clipped share of product",
        },
        "photo.metric.whiteness": {"vi": "Tỉ lệ nền trắng", "en": "White border share"},
        "photo.metric.background_std": {"vi": "Độ lệch của nền", "en": "Background spread"},
        "photo.metric.background_brightness": {
            "vi": "Độ sáng của nền",
            "en": "Backdrop brightness",
        },
        "photo.metric.fill": {"vi": "Tỉ lệ lấp đầy khung hình", "en": "Fill ratio"},
        "photo.metric.fill_area": {
            "vi": "Tỉ lệ lấp đầy (diện tích)",
            "en": "Fill ratio (area)",
        },
        "photo.metric.centre_offset": {"vi": "Độ lệch tâm", "en": "Centre offset"},
        # --- report ---------------------------------------------------------
        "photo.report.title": {
            "vi": "Kiểm tra ảnh “{name}” theo quy tắc {market}",
            "en": "Checking “{name}” against {market} rules",
        },
        "photo.report.passed": {
            "vi": "✅ Ảnh đạt cả {total} tiêu chí: sẵn sàng đăng lên {market}.",
            "en": "✅ The photo meets all {total} rules: ready for {market}.",
        },
        "photo.report.failed": {
            "vi": "❌ Ảnh chưa đạt {failed}/{total} tiêu chí của {market}: {rules}.",
            "en": "❌ The photo fails {failed} of {total} {market} rules: {rules}.",
        },
        "photo.report.rule": {"vi": "Tiêu chí", "en": "Rule"},
        "photo.report.result": {"vi": "Kết quả", "en": "Result"},
        "photo.report.measured": {"vi": "Đo được", "en": "Measured"},
        "photo.report.limit": {"vi": "Yêu cầu", "en": "Requirement"},
        "photo.report.advice": {"vi": "Lời khuyên", "en": "Advice"},
        "photo.report.ok": {"vi": "Đạt", "en": "Pass"},
        "photo.report.fail": {"vi": "Chưa đạt", "en": "Fail"},
        "photo.report.na": {"vi": "Bỏ qua", "en": "Skipped"},
        "photo.report.progress": {"vi": "Đang kiểm tra ảnh", "en": "Checking photos"},
        # --- widget ---------------------------------------------------------
        "photo.widget.photo": {"vi": "Ảnh mẫu:", "en": "Sample:"},
        "photo.widget.market": {"vi": "Sàn:", "en": "Marketplace:"},
        "photo.widget.before": {"vi": "Ảnh gốc", "en": "Original"},
        "photo.widget.after": {"vi": "Sau khi sửa tự động", "en": "After automatic fixes"},
        "photo.widget.metrics": {"vi": "Các chỉ số đo được", "en": "Measured metrics"},
        "photo.widget.fixes": {"vi": "Đã sửa: {fixes}", "en": "Fixes applied: {fixes}"},
        "photo.widget.no_fix": {
            "vi": "Không có lỗi nào sửa tự động được.",
            "en": "Nothing could be fixed automatically.",
        },
        "photo.decision.đạt": {
            "vi": "Quyết định: ảnh đạt, đăng được ngay.",
            "en": "Decision: the photo passes, list it.",
        },
        "photo.decision.sửa": {
            "vi": "Quyết định: sửa bằng phần mềm (các lỗi đều sửa được), rồi kiểm tra lại; "
            "nếu vẫn chưa đạt thì chụp lại.",
            "en": "Decision: fix it in software (every failure is fixable), then check again; "
            "if it still fails, reshoot.",
        },
        "photo.decision.chụp lại": {
            "vi": "Quyết định: chụp lại, vì ảnh trượt tiêu chí không sửa được: {rules}.",
            "en": "Decision: reshoot, the photo fails rules software cannot fix: {rules}.",
        },
        "photo.fix.white_balance": {"vi": "cân bằng trắng", "en": "white balance"},
        "photo.fix.crop": {"vi": "cắt sát sản phẩm", "en": "crop to product"},
        "photo.fix.pad": {"vi": "thêm nền trắng cho vuông", "en": "pad to square"},
        "photo.fix.resize": {"vi": "đổi kích thước", "en": "resize"},
    }
)
