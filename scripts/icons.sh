#!/bin/sh
# Makes the app icons of the web app manifest (src/public/icons/) from duet's favicon with ImageMagick.
# The PNGs are committed; run this again only when favicon.svg changes.
set -eu
cd "$(dirname "$0")/.."
out=src/public/icons
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# ImageMagick's own SVG renderer outlines shapes that name no stroke: say there is none
sed 's/<circle /<circle stroke="none" /g; s/<rect /<rect stroke="none" /g' src/public/favicon.svg >"$tmp/icon.svg"
# maskable: the launcher cuts its own shape, so the background fills the square and the two circles
# stay inside the central safe zone (a circle of 40% of the size)
sed 's/ rx="[0-9]*"//; s/<circle /<g transform="translate(32 32) scale(.82) translate(-32 -32)"><circle /; s/<\/svg>/<\/g><\/svg>/' "$tmp/icon.svg" >"$tmp/maskable.svg"
for size in 192 512; do
  for kind in icon maskable; do
    convert -background none -density 1200 "$tmp/$kind.svg" -resize "${size}x${size}" -depth 8 -strip "$out/$kind-$size.png"
  done
done
