# dmgbuild settings: the macOS disk image people open, with the app and an Applications link to
# drag it onto. (python packaging/installer.py on macOS; pip install -e '.[macos]' brings dmgbuild)
#
#   dmgbuild -s packaging/macos/dmg_settings.py -D app="dist/Pixop Desktop.app" "Pixop Desktop" dist/X.dmg
#
# dmgbuild runs this file with `defines` (the -D values) in scope.
import os.path

application = defines.get("app", "dist/Pixop Desktop.app")  # noqa: F821 (given by dmgbuild)
appname = os.path.basename(application)

format = "UDZO"  # compressed, read-only; opens on every supported macOS
filesystem = "HFS+"
size = None  # dmgbuild sizes the image from its contents
files = [application]
symlinks = {"Applications": "/Applications"}
badge_icon = os.path.join(application, "Contents", "Resources", "pixop-desktop.icns")
hide_extension = [appname]

# The window: the app on the left, an arrow to Applications on the right.
background = "builtin-arrow"
window_rect = ((200, 120), (640, 360))
default_view = "icon-view"
show_status_bar = False
show_toolbar = False
show_pathbar = False
icon_size = 128
text_size = 13
icon_locations = {appname: (160, 170), "Applications": (480, 170)}
