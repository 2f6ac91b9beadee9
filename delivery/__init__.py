"""Delivery: subscriptions, announcements and the outbox that sends them to Telegram.

`state` opens the state database and hands out its parts (chats, subscriptions,
announcements, outbox); `broadcast` sends the outbox, paced by `pacing`; `announce` queues
announcements when findings change; `commands` are the Telegram commands for subscribers.
"""
