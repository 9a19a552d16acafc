"""Pure Kanpe: timers, rundown, protocol and room rules. No I/O, no Qt, no asyncio."""
