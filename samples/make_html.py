"""Make the web-page sample: the Kinhtedothi article about Hà Nội's plan 141 inside a news
portal's page (menus, a loading notice, share buttons, related links, footer), as a
browser saves it.

    .venv/bin/python samples/make_html.py
"""

from __future__ import annotations

import html
from pathlib import Path

HERE = Path(__file__).parent
SOURCE = HERE / "kinhtedothi_tin-tuc_ha-noi-ke-hoach-141.txt"
TARGET = HERE / "kinhtedothi_tin-tuc_ha-noi-ke-hoach-141.html"

PAGE = """<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>{title} - Kinh tế &amp; Đô thị</title>
<script>window.dataLayer = window.dataLayer || [];</script>
</head>
<body>
<div id="loading">Đang tải nội dung, vui lòng chờ giây lát...</div>
<header>
  <nav class="menu">
    <ul><li><a href="/">Trang chủ</a></li><li><a href="/thoi-su">Thời sự</a></li><li><a href="/xa-hoi">Xã hội</a></li>
    <li><a href="/kinh-te">Kinh tế</a></li><li><a href="/do-thi">Đô thị</a></li><li><a href="/dang-nhap">Đăng nhập</a></li></ul>
  </nav>
  <div class="breadcrumb"><a href="/">Trang chủ</a> » <a href="/xa-hoi">Xã hội</a></div>
</header>
<main>
<article class="detail">
  <h1 class="title">{title}</h1>
  <div class="meta"><span class="author">{author}</span> <span class="share">Chia sẻ Zalo</span></div>
{body}
</article>
<aside class="related">
  <h3>Tin liên quan</h3>
  <ul><li><a href="/a1">Hà Nội: Hỗ trợ hơn 3.000 trẻ em có hoàn cảnh khó khăn dịp Tết</a></li>
  <li><a href="/a2">Quận Hoàn Kiếm ra mắt mô hình công tác xã hội tại cộng đồng</a></li></ul>
</aside>
</main>
<footer>
  <p>Cơ quan chủ quản: UBND thành phố Hà Nội. Giấy phép số 115/GP-BTTTT.</p>
  <p>© Bản quyền thuộc về Kinh tế &amp; Đô thị. Ghi rõ nguồn khi phát hành lại thông tin từ website này.</p>
</footer>
</body>
</html>
"""


def main() -> int:
    paragraphs = [p.strip() for p in SOURCE.read_text("utf-8").split("\n") if p.strip()]
    title, author = paragraphs[0], paragraphs[1]
    body = [p for p in paragraphs[3:] if p not in ("Tin đọc nhiều", "Kinh tế đô thị cuối tuần")]
    rendered = "\n".join(f"  <p>{html.escape(p)}</p>" for p in body)
    TARGET.write_text(PAGE.format(title=html.escape(title), author=html.escape(author), body=rendered), "utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
