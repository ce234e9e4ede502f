/**
 * The phone's clock: the one place the app reads the time of day. It stamps what the inspector does on
 * site (visit start, photos, signatures, inspectedAt) and schedules the outbox's retries. The server
 * checks the instants it is sent (inspectedAt at most 10 minutes ahead of its own clock).
 */
export function deviceNow(): number {
  return Date.now();
}

export function deviceDate(): Date {
  return new Date(deviceNow());
}
