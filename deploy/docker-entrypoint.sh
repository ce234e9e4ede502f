#!/bin/sh
# Runs one Spotcheck app: planning, inspection, publication or portal.
set -e
app="${1:-portal}"
case "$app" in
  planning|inspection|publication|portal) exec node "dist/apps/$app/src/main.js" ;;
  *) echo "usage: spotcheck planning|inspection|publication|portal" >&2; exit 2 ;;
esac
