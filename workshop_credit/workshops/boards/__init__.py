"""The information boards: QR codes and printable PDF boards."""
