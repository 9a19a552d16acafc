// A slot's countdown, as the relay defines it (src/kanpe/core/countdown.py): a running timer is a
// deadline in relay time, a paused or idle one is the remaining duration. Nothing here counts
// ticks; every answer comes from the timer and a relay-time "now".

/** Seconds left at relay time ``now`` (negative in overtime). */
export function remainingAt(timer, now) {
  return timer.status === "running" ? timer.deadline - now : timer.remaining;
}

/** Whole seconds shown: rounded up while time is left, toward zero in overtime. */
export function displaySeconds(remaining) {
  return remaining > 0 ? Math.ceil(remaining) : -Math.floor(-remaining);
}

export function formatClock(seconds) {
  const sign = seconds < 0 ? "-" : "";
  const total = Math.abs(seconds);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const secs = total % 60;
  const two = (n) => String(n).padStart(2, "0");
  return hours ? `${sign}${hours}:${two(minutes)}:${two(secs)}` : `${sign}${two(minutes)}:${two(secs)}`;
}

/** "normal" | "warning" | "final" | "overtime", judged on the seconds shown. */
export function phaseFor(remaining, warning = 300, final = 60) {
  if (remaining <= 0) return "overtime";
  const shown = displaySeconds(remaining);
  if (shown <= final) return "final";
  if (shown <= warning) return "warning";
  return "normal";
}

/** Seconds from relay time ``now`` until the shown text changes; null if it will not. */
export function untilNextChange(timer, now) {
  if (timer.status !== "running") return null;
  const remaining = remainingAt(timer, now);
  if (remaining > 0) return remaining - (Math.ceil(remaining) - 1);
  const over = -remaining;
  return Math.floor(over) + 1 - over;
}
