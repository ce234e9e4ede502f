#!/usr/bin/env bash
# The tests again with the machine's clock moved (Debian's faketime; Node and chromium follow it,
# PostgreSQL and NATS in their own processes keep the real time). A test that reads the machine's
# clock instead of the pinned one (test/support/test-clock.ts) fails here, not next month.
#   - the unit suite, 400 days ahead and 400 days back;
#   - the integration files whose outcome depends on dates (deadlines, display periods, overdue
#     scans, draw dates, the demo's recent decisions), 400 days ahead.
# SHIFT=-400d (say) moves the integration run elsewhere.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v faketime >/dev/null || { echo 'npm test: faketime is missing; install it with: sudo apt-get install -y faketime' >&2; exit 1; }

DATE_DEPENDENT=(
  test/integration/publication.int-spec.ts   # deadlines, on-time flags, expiry, scheduled publication
  test/integration/inspection.int-spec.ts    # draw dates, inspectedAt against now, substitutions
  test/integration/inspection-officers.int-spec.ts # the overdue scanner
  test/integration/inspection-input.int-spec.ts    # "in the future" and "before the draw"
  test/integration/rectification.int-spec.ts # rectification deadlines, the follow-up scan, history dates
  test/integration/portal.int-spec.ts        # display periods, expiry, the feed
  test/e2e/draw-to-result.e2e-spec.ts        # a draw executed today, a result recorded today
  test/integration/planning.int-spec.ts      # leave periods and exclusion windows against today
  test/integration/inspection-burden.int-spec.ts # the last 12 months of inspections against today
  test/e2e/demo.e2e-spec.ts                  # the demo's "recent" decisions
)

export NODE_OPTIONS=--experimental-vm-modules
for shift in +400d -400d; do
  echo "== unit tests with the clock moved $shift"
  faketime -f "$shift" npx jest --selectProjects unit --silent
done
echo "== date-dependent integration tests with the clock moved ${SHIFT:-+400d}"
faketime -f "${SHIFT:-+400d}" npx jest --selectProjects integration --runInBand "${DATE_DEPENDENT[@]}"
