"""QR codes, generated on the server with qrcode + Pillow."""

import base64
import io

import qrcode
from qrcode.constants import ERROR_CORRECT_M


def png_data_url(payload: str, box_size: int = 8) -> str:
    """A PNG of ``payload`` as a data URL. The payload is a random token, never personal data."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=box_size, border=4)
    code.add_data(payload)
    code.make(fit=True)
    image = code.make_image(fill_color="black", back_color="white")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
