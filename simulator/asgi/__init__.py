"""ASGI infrastructure shared by the portal and the mail sink: the guard in front of an
app and the server thread."""
