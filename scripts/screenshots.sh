#!/usr/bin/env bash
# Screenshots of the app in each theme at 1024x700 and 1920x1080, on the demo
# register, under a virtual display (Xvfb), into docs/screenshots/.
#   scripts/install-debian-packages.sh screenshots && cargo build && scripts/screenshots.sh
# On another register, in some themes and sizes, with a prefix on each name
# (issue 19's pages at 10,000 activities):
#   ROPA_REGISTER=big.ropa ROPA_THEMES=Light ROPA_SIZES=1366x768 ROPA_PREFIX=10000- \
#     ROPA_BINARY=target/release/ropa scripts/screenshots.sh
# The theme is chosen by writing the app's remembered settings into a throw-away
# XDG_DATA_HOME before each start, as the View menu would have remembered it.
set -euo pipefail

binary=${ROPA_BINARY:-target/debug/ropa}
out=docs/screenshots
work=$(mktemp -d)
trap 'kill "${app:-0}" "${display_pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

Xvfb :97 -screen 0 1920x1080x24 -nolisten tcp &
display_pid=$!
export DISPLAY=:97
sleep 2
prefix=${ROPA_PREFIX:-}
if [[ -n ${ROPA_REGISTER:-} ]]; then
  # A copy, so that the app's automatic backup on open lands in the scratch folder.
  cp "$ROPA_REGISTER" "$work/demo.ropa"
else
  "$binary" demo --out "$work/demo.ropa" >/dev/null
fi

for theme in ${ROPA_THEMES:-Light Dark HighContrast}; do
  for size in ${ROPA_SIZES:-1024x700 1920x1080}; do
    data="$work/$theme-$size"
    mkdir -p "$data/roparegister"
    settings="(last_register:None,recent:[],display_name:\\\"\\\",theme:$theme,date_style:Long,hidden_columns:[])"
    printf '{"ropa.settings":"%s"}\n' "$settings" >"$data/roparegister/app.ron"
    XDG_DATA_HOME="$data" "$binary" "$work/demo.ropa" &
    app=$!
    sleep "${ROPA_START_SECONDS:-12}"
    window=$(xdotool search --sync --name "ROPA Register" | head -1)
    xdotool windowsize "$window" "${size%x*}" "${size#*x}"
    sleep 3
    name=$(echo "$theme" | tr '[:upper:]' '[:lower:]')
    import -window root -crop "$size+0+0" +repage "$out/${prefix}register-$name-$size.png"
    # Every other page, clicked in the navigation (no window manager gives the
    # window keyboard focus), in every theme.
    {
      for page in 75:checks 142:reviews 171:parties 200:agreements 229:flows 258:notices 287:organisation 316:exports 345:assets; do
        xdotool mousemove 50 "${page%%:*}" click 1
        sleep 3
        import -window root -crop "$size+0+0" +repage "$out/${prefix}${page#*:}-$name-$size.png"
      done
      # The first information asset's form, opened from the Assets page just shown.
      xdotool mousemove 250 130 click 1
      sleep 3
      import -window root -crop "$size+0+0" +repage "$out/${prefix}asset-$name-$size.png"
      # The DPIAs page, next in the navigation (29 px below Assets), and its
      # first DPIA's form (the list's first row, where the Assets page has its first).
      xdotool mousemove 50 374 click 1
      sleep 3
      import -window root -crop "$size+0+0" +repage "$out/${prefix}dpias-$name-$size.png"
      xdotool mousemove 250 130 click 1
      sleep 3
      import -window root -crop "$size+0+0" +repage "$out/${prefix}dpia-$name-$size.png"
      # The editor on the first activity: back to the Register, double-click its row.
      xdotool mousemove 50 46 click 1
      sleep 2
      xdotool mousemove 400 173 click --repeat 2 --delay 80 1
      sleep 4
      import -window root -crop "$size+0+0" +repage "$out/${prefix}editor-$name-$size.png"
    }
    kill "$app"
    wait "$app" 2>/dev/null || true
  done
done
echo "Wrote every page in $out/${prefix}PAGE-{light,dark,highcontrast}-{1024x700,1920x1080}.png"
