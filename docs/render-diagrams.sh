#!/usr/bin/env bash
# Renders processes/*.bpmn to docs/diagrams/*.png with bpmn-js in headless Chromium, for
# the README. Needs npm and Debian's chromium (bash .ci/run installs it).
# Usage: bash docs/render-diagrams.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm init -y >/dev/null && npm install --silent bpmn-js@17 >/dev/null)
for model in "$root"/processes/*.bpmn; do
  name="$(basename "$model" .bpmn)"
  python3 - "$model" "$work/$name.html" <<'PY'
import json, sys
xml = open(sys.argv[1], encoding="utf-8").read()
open(sys.argv[2], "w", encoding="utf-8").write(f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="node_modules/bpmn-js/dist/assets/diagram-js.css">
<link rel="stylesheet" href="node_modules/bpmn-js/dist/assets/bpmn-js.css">
<link rel="stylesheet" href="node_modules/bpmn-js/dist/assets/bpmn-font/css/bpmn.css">
<style>html,body,#c{{margin:0;width:100%;height:100%;background:#fff}}</style></head>
<body><div id="c"></div><script src="node_modules/bpmn-js/dist/bpmn-viewer.production.min.js"></script>
<script>const v = new BpmnJS({{container: '#c'}});
v.importXML({json.dumps(xml)}).then(() => v.get('canvas').zoom('fit-viewport'));</script></body></html>""")
PY
  size="1400,700"
  [ "$name" = complaintProcedure ] && size="2700,1250"
  chromium --headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$work/profile-$name" --allow-file-access-from-files \
    --virtual-time-budget=5000 --window-size="$size" --screenshot="$root/docs/diagrams/$name.png" "file://$work/$name.html" 2>/dev/null
  echo "docs/diagrams/$name.png"
done
