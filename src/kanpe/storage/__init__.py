"""Files and SQLite: atomic writes, the rundown file. No Qt, no asyncio."""
