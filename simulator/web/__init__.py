"""The portal over HTTP: the app factory, the screens, the session store, the test hooks,
the templates and the stylesheet; screens only translate HTTP into service calls."""
