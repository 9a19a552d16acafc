"""asyncio and websockets: the relay, the link client, persistence. No Qt."""
