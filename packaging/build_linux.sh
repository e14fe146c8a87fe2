#!/usr/bin/env bash
# Build the Linux one-folder app and a .deb from this source tree.
#
#   packaging/build_linux.sh [--no-deb]
#
# Needs, in the active Python environment, the project's dependencies and PyInstaller
# (pip install ".[packaging]"); dpkg-deb for the .deb. Writes:
#   build/icons/                     icons rendered from resources/icons/tcp-trainer.svg
#   dist/tcp-trainer/                the app (run dist/tcp-trainer/tcp-trainer)
#   dist/tcp-trainer_VERSION_ARCH.deb  installs it to /opt/tcp-trainer, /usr/bin/tcp-trainer, menu
#                                    entry, AppStream metainfo, MIME types and icons
# Both build/ and dist/ are git-ignored. Set PYTHON to choose the interpreter.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
NAME=tcp-trainer
make_deb=1
for arg in "$@"; do
    case "$arg" in
        --no-deb) make_deb=0 ;;
        -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
        *) echo "build_linux.sh: unknown option $arg (try --help)" >&2; exit 2 ;;
    esac
done

fail() { echo "build_linux.sh: $*" >&2; exit 1; }
since() { "$PYTHON" -c "import sys; print(f'{float(sys.argv[1]) - float(sys.argv[2]):.1f}')" "$EPOCHREALTIME" "$1"; }

"$PYTHON" -c 'import PyInstaller' 2>/dev/null ||
    fail "PyInstaller is not installed for $PYTHON: pip install \".[packaging]\""
version=$("$PYTHON" -c 'import sys; sys.path.insert(0, "packaging"); import bundle_rules, pathlib; print(bundle_rules.version(pathlib.Path(".")))')
start=$EPOCHREALTIME

echo "== icons"
"$PYTHON" packaging/make_icons.py --clean build/icons

echo "== PyInstaller bundle"
bundle_start=$EPOCHREALTIME
"$PYTHON" -m PyInstaller --noconfirm --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/tcp-trainer.spec
bundle_seconds=$(since "$bundle_start")
app=dist/$NAME/$NAME
[ -x "$app" ] || fail "PyInstaller made no $app"
reported=$("$app" --version) || fail "$app --version failed"
[ "$reported" = "$NAME $version" ] || fail "$app --version says '$reported', expected '$NAME $version'"

echo "== desktop files"
if command -v appstreamcli >/dev/null; then
    appstreamcli validate --no-net packaging/linux/io.github.tcptrainer.TcpTrainer.metainfo.xml
elif command -v xmllint >/dev/null; then
    xmllint --noout packaging/linux/io.github.tcptrainer.TcpTrainer.metainfo.xml
else
    echo "(appstreamcli and xmllint not found: metainfo checked as XML only)"
fi
"$PYTHON" packaging/check_desktop_files.py
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate packaging/linux/$NAME.desktop && echo "desktop-file-validate: ok"
else
    echo "(desktop-file-validate not found: skipped)"
fi

if [ "$make_deb" = 1 ]; then
    echo "== .deb"
    command -v dpkg-deb >/dev/null || fail "dpkg-deb not found (Debian/Ubuntu only)"
    arch=$(dpkg --print-architecture)
    root=build/deb/root
    rm -rf build/deb
    mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
        "$root/usr/share/metainfo" "$root/usr/share/mime/packages" "$root/usr/share/icons" \
        "$root/usr/share/doc/$NAME"
    cp -a "dist/$NAME" "$root/opt/$NAME"
    ln -s "/opt/$NAME/$NAME" "$root/usr/bin/$NAME"
    install -m 644 packaging/linux/$NAME.desktop "$root/usr/share/applications/"
    install -m 644 packaging/linux/io.github.tcptrainer.TcpTrainer.metainfo.xml "$root/usr/share/metainfo/"
    install -m 644 packaging/linux/$NAME-mime.xml "$root/usr/share/mime/packages/$NAME.xml"
    cp -r build/icons/hicolor "$root/usr/share/icons/"
    install -m 644 README.md "$root/usr/share/doc/$NAME/README.md"
    install -m 755 packaging/linux/postinst packaging/linux/postrm "$root/DEBIAN/"
    # The newest glibc symbol version any bundled binary needs (the rest of the C libraries
    # are in the bundle, or listed below because PyInstaller never bundles them).
    glibc=$(find "$root/opt/$NAME" -type f \( -name '*.so*' -o -name "$NAME" \) -print0 |
            xargs -0 objdump -T 2>/dev/null | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' |
            sort -uV | tail -n 1)
    [ -n "$glibc" ] || fail "could not read the glibc version the bundle needs (objdump missing?)"
    installed_kb=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
    sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@GLIBC@/$glibc/" \
        -e "s/@INSTALLED_SIZE@/$installed_kb/" packaging/linux/control.in > "$root/DEBIAN/control"
    find "$root" -type d -exec chmod 755 {} +
    deb=dist/${NAME}_${version}_${arch}.deb
    dpkg-deb --build --root-owner-group -Zzstd "$root" "$deb.tmp" >/dev/null
    mv "$deb.tmp" "$deb"
    dpkg-deb --info "$deb" | sed -n '/Package:/,$p'
fi

total_seconds=$(since "$start")
echo "== done"
echo "bundle: dist/$NAME ($(du -sh "dist/$NAME" | cut -f1), $(find "dist/$NAME" -type f | wc -l) files)"
echo "PyInstaller time: ${bundle_seconds} s"
if [ "$make_deb" = 1 ]; then echo "deb: $deb ($(du -h "$deb" | cut -f1))"; fi
echo "total build time: ${total_seconds} s"
