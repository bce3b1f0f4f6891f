"""The main window and what hangs off it: menus, account bar, banners, tray, layout and saved state."""
