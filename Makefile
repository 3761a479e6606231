# The two commands of the README: `make demo` and `make test`. Both create or refresh .venv and install what
# they need, Debian packages included, so they work on a fresh machine.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: demo standin test lint typecheck pytest translations system-deps gui-deps bench clean installer \
	installer-test installer-deps keyring-deps js-deps

# The application on the local stand-in with demo data, signed in as the demo sales user.
demo: $(STAMP) translations gui-deps
	$(PY) -m desktop.cli demo $(ARGS)

# The stand-in alone (for the command line, or a second instance of the application).
standin: $(STAMP)
	$(PY) -m devserver $(ARGS)

test: lint typecheck pytest

# The whole suite, the frozen build's test included (so it is built first: about 30 s).
pytest: $(STAMP) system-deps translations installer keyring-deps js-deps
	VSCHOOL_FROZEN_APP=dist/vschool-crm/vschool-crm $(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .

typecheck: $(STAMP)
	$(VENV)/bin/mypy

# The .qm the application loads, compiled from the checked-in .ts (only when a .ts changed).
translations: $(STAMP)
	$(PY) tools/translations.py build

# The installable folder dist/vschool-crm (build_installer.spec). The X11 libraries go into it, so they must be
# here; PyInstaller reads the libraries' dependencies with objdump.
installer: $(STAMP) translations gui-deps installer-deps
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/installer \
	  build_installer.spec

# The frozen build's test alone: it signs in, syncs and renders every view against the stand-in
# (tests/test_installer.py).
installer-test: installer system-deps keyring-deps
	VSCHOOL_FROZEN_APP=dist/vschool-crm/vschool-crm $(PY) -m pytest tests/test_installer.py

bench: $(STAMP)
	$(PY) bench/standin_keyset.py

# Re-run pip only when the dependency list changes.
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,devserver,installer]'
	touch $(STAMP)

# The official supabase-js client the Realtime conformance tests drive (tests/js): `npm ci` again only when the
# lock file changed (npm keeps its own copy of the lock in node_modules, which serves as the stamp).
JS_DIR := tests/js
JS_STAMP := $(JS_DIR)/node_modules/.package-lock.json
js-deps: $(JS_STAMP)

$(JS_STAMP): $(JS_DIR)/package-lock.json
	@command -v npm >/dev/null || { echo "Missing: Node.js 20 or later with npm (for tests/js)"; exit 1; }
	cd $(JS_DIR) && npm ci --no-audit --no-fund --loglevel=error
	touch $(JS_STAMP)

# Debian's PostgreSQL server binaries: the stand-in's fallback engine, and the PostgreSQL 15 the migrations are
# tested on. Installed when missing if we may (root with apt-get); otherwise we say what to install.
system-deps:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	  else \
	    echo "Missing Debian package: postgresql (sudo apt-get install postgresql)"; exit 1; \
	  fi; \
	fi

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist *.egg-info $(JS_DIR)/node_modules

# The X11 libraries Qt's xcb platform loads at run time (a desktop has them; a server or a fresh container
# usually does not), each as Debian package:soname, so that each is looked for by the file Qt loads. Those
# missing are installed if we may (root with apt-get); otherwise the exact command is printed and the demo goes
# on (a screenshot or the offscreen platform needs none of them).
GUI_LIBRARIES := libxcb-cursor0:libxcb-cursor.so.0 libxcb-icccm4:libxcb-icccm.so.4 libxcb-image0:libxcb-image.so.0 \
	libxcb-keysyms1:libxcb-keysyms.so.1 libxcb-randr0:libxcb-randr.so.0 libxcb-render-util0:libxcb-render-util.so.0 \
	libxcb-shape0:libxcb-shape.so.0 libxcb-xinerama0:libxcb-xinerama.so.0 libxcb-xkb1:libxcb-xkb.so.1 \
	libx11-xcb1:libX11-xcb.so.1 libxkbcommon-x11-0:libxkbcommon-x11.so.0 libegl1:libEGL.so.1 libgl1:libGL.so.1 \
	libfontconfig1:libfontconfig.so.1 libdbus-1-3:libdbus-1.so.3
gui-deps:
	@[ "$$(uname -s)" = Linux ] || exit 0; \
	ldconfig=$$(command -v ldconfig || echo /sbin/ldconfig); \
	known=$$("$$ldconfig" -p 2>/dev/null | awk '{ print $$1 }'); \
	[ -n "$$known" ] || exit 0; \
	missing=; \
	for library in $(GUI_LIBRARIES); do \
	  printf '%s\n' "$$known" | grep -qxF "$${library#*:}" || missing="$$missing $${library%%:*}"; \
	done; \
	[ -n "$$missing" ] || exit 0; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing the X11 libraries Qt needs for the window:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing \
	    >/dev/null; \
	else \
	  echo "Missing the X11 libraries Qt needs for the window:$$missing"; \
	  echo "Install them with:  sudo apt-get install$$missing"; \
	fi

# A Debian package when its command is missing, if we may (root with apt-get); otherwise we say what to install.
# $(call debian,<command>,<packages>)
define debian
	@if [ "$$(uname -s)" = Linux ] && ! command -v $(1) >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(2) \
	      >/dev/null; \
	  else \
	    echo "Missing Debian packages: $(2) (sudo apt-get install $(2))"; exit 1; \
	  fi; \
	fi
endef

installer-deps:
	$(call debian,objdump,binutils)

# The Secret Service the installer's test keeps the frozen application's sign-in in, on a private D-Bus.
keyring-deps:
	$(call debian,dbus-daemon,dbus-daemon)
	$(call debian,gnome-keyring-daemon,gnome-keyring)
