// The room mirror: the snapshot from a welcome, changed by versioned events.
//
// Events carry whole records (a slot, a question, a poll), so applying one replaces the record.
// Only reactions add to a tally, which is why an event at or below the mirror's version is skipped.

export const MAX_CHAT_KEPT = 200;

/** Apply ``event`` at ``version`` to ``state``; false if it was already applied. */
export function applyEvent(state, event, version) {
  if (version <= state.version) return false;
  switch (event.type) {
    case "rundown":
      state.rundown = event.rundown;
      state.slots = { ...event.slots };
      if (state.current !== null && !(state.current in state.slots)) state.current = null;
      break;
    case "slot":
      state.slots[event.slot.id] = event.slot;
      break;
    case "current":
      state.current = event.slot;
      break;
    case "chat": {
      const index = state.chat.findIndex((m) => m.id === event.message.id);
      if (index >= 0) state.chat[index] = event.message;
      else state.chat.push(event.message);
      if (state.chat.length > MAX_CHAT_KEPT) state.chat.splice(0, state.chat.length - MAX_CHAT_KEPT);
      break;
    }
    case "question":
      state.questions[event.question.id] = event.question;
      break;
    case "poll":
      state.polls[event.poll.id] = event.poll;
      break;
    case "reactions": // a talk's counts, coalesced by the relay a few times a second
      state.reactions[event.slot || ""] = { ...event.counts };
      break;
    default:
      break; // a newer relay's event this page does not know: ignore it, keep the version
  }
  state.version = version;
  return true;
}

/** The rundown entry (speaker, title, duration, thresholds) of a slot id, or null. */
export function plannedSlot(state, slotId) {
  return state.rundown.slots.find((slot) => slot.id === slotId) || null;
}

/** The slot that is on stage, and failing that the next one not yet started. */
export function stageSlot(state) {
  if (state.current) return { plan: plannedSlot(state, state.current), live: true };
  const next = state.rundown.slots.find((slot) => state.slots[slot.id]?.timer.status === "idle");
  return { plan: next || null, live: false };
}
