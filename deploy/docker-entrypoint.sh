#!/bin/sh
# Runs one Spotcheck app: planning, inspection, publication, portal or console.
set -e
app="${1:-portal}"
case "$app" in
  planning|inspection|publication|portal|console) exec node "dist/apps/$app/src/main.js" ;;
  *) echo "usage: spotcheck planning|inspection|publication|portal|console" >&2; exit 2 ;;
esac
