"""The Telegram adapter of findings-bot, and its command line. Imports telegram lazily."""
