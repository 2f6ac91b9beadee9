"""The one place the Telegram application is wired: settings and knowledge in, handlers out."""

import asyncio
import logging
from typing import Any, cast
from urllib.parse import urlparse

from telegram import Bot, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import charts, entry_points, exports, handlers, privacy, refresh, stats
from bot.alerts import ALERTS, AdminAlerts
from bot.flood import FloodGate
from bot.guard import flood_guard
from bot.inline import inline_query
from bot.keyboards import CALLBACK_PATTERN, QuestionBook
from bot.profile import publish_profile
from bot.replies import BOOK, FLOOD, KNOWLEDGE, WEB_URL
from bot.settings import Settings, SettingsError
from delivery import commands, jobs, release
from delivery.pacing import OutgoingLimiter
from knowledge import Knowledge
from knowledge.service import keep_loaded

logger = logging.getLogger(__name__)
SETTINGS = "settings"  # bot_data key: the Settings the application was built with
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
# Updates handled at once, and HTTP connections for sending. Telegram delivers about 30
# messages a second, so a few dozen in flight is plenty; httpx's pool bookkeeping grows with
# the square of its size (PTB's default is 256), which the benchmark showed as tail latency.
CONCURRENT_UPDATES = 64
CONNECTION_POOL = 32
QUIET_LOGGERS = ("httpx", "httpcore")  # their INFO lines carry request URLs, and so the token


def build_application(
    settings: Settings, knowledge: Knowledge, *, throttle: bool = True
) -> Application:
    """The application with every handler registered and its shared objects in bot_data.

    `throttle` keeps outgoing messages within Telegram's limits (delivery/pacing.py: one
    Pacer for replies and broadcasts, replies first, a 429 pauses both); the benchmark turns
    it off to measure the bot itself.
    """
    quiet_http_loggers()
    builder: ApplicationBuilder[Any, Any, Any, Any, Any, Any] = (
        ApplicationBuilder()
        .token(settings.token)
        .defaults(Defaults(parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW))
        .concurrent_updates(CONCURRENT_UPDATES)
        .connection_pool_size(CONNECTION_POOL)  # broadcasts have their own (delivery/jobs.py)
        .post_init(post_init)
        .post_shutdown(jobs.close_delivery)  # closes the state database
    )
    if settings.api_base_url:
        builder = builder.base_url(settings.api_base_url).base_file_url(
            file_url(settings.api_base_url)
        )
    bot_data: dict[str, Any] = {}
    if throttle:
        builder = builder.rate_limiter(OutgoingLimiter(jobs.pacer_of(bot_data, settings)))
    application = builder.build()
    application.bot_data.update(bot_data)
    application.bot_data.update(
        {
            KNOWLEDGE: knowledge,
            FLOOD: FloodGate(settings.questions_per_minute),
            BOOK: QuestionBook(),
            SETTINGS: settings,
            ALERTS: AdminAlerts(settings.admin_ids),
            WEB_URL: settings.web_url,
        }
    )
    register_handlers(application)
    return application


def register_handlers(application: Application) -> None:
    """Every handler. In group 0 the first match wins, so the fallbacks come last."""
    private, groups = filters.ChatType.PRIVATE, filters.ChatType.GROUPS
    new = filters.UpdateType.MESSAGE  # not edits, not channel posts
    add = application.add_handler

    # Flood control first, for every update a reader sends (bot/guard.py)
    add(TypeHandler(Update, flood_guard), group=-1)

    # Commands (their descriptions, for setMyCommands and /help: templates/bot_commands.j2)
    add(CommandHandler("start", handlers.start, filters=new))
    add(CommandHandler("help", handlers.help_command, filters=new))
    add(CommandHandler("forces", handlers.forces, filters=new))
    add(CommandHandler("about", handlers.about, filters=new))
    add(CommandHandler("ask", handlers.ask, filters=new))

    # ---- Other features register their handlers here --------------------------------------
    # (subscriptions and broadcasts: delivery/commands.py, delivery/jobs.py; charts:
    # bot/charts.py). Give CallbackQueryHandlers a `pattern` that does not start with "a:",
    # "a#", "e:" or "e#", and add the commands to templates/bot_commands.j2.
    commands.register(application, application.bot_data[SETTINGS])
    jobs.register(application, application.bot_data[SETTINGS])  # broadcasts
    charts.register(application)  # /chart and the Chart button
    refresh.register(application, application.bot_data[SETTINGS])  # new findings, no restart
    privacy.register(application)  # /privacy, /forget
    stats.register(application, application.bot_data[SETTINGS])  # admins' /stats
    entry_points.register(application)  # /new (deep links: handlers.start)
    release.register(application, application.bot_data[SETTINGS])  # embargoed announcements
    exports.register(application)  # the CSV button: the rows behind an answer, as a file
    # ---- end of other features -------------------------------------------------------------

    # Buttons: the questions they carry (bot/keyboards.py) and inline mode
    add(CallbackQueryHandler(handlers.button, pattern=CALLBACK_PATTERN))
    add(InlineQueryHandler(inline_query))

    # Questions: any text in a private chat; in groups only when addressed to the bot
    add(MessageHandler(new & private & filters.TEXT & ~filters.COMMAND, handlers.private_question))
    edited = filters.UpdateType.EDITED_MESSAGE & private & filters.TEXT & ~filters.COMMAND
    add(MessageHandler(edited, handlers.edited_question))
    add(
        MessageHandler(
            new & groups & filters.TEXT & ~filters.COMMAND & handlers.ADDRESSED_TO_BOT,
            handlers.group_question,
        )
    )

    # Fallbacks, keep last: unknown buttons, unknown commands and non-text messages in private
    add(CallbackQueryHandler(handlers.button))
    add(MessageHandler(new & private & filters.COMMAND, handlers.unknown_command))
    add(
        MessageHandler(
            new & private & ~filters.TEXT & ~filters.StatusUpdate.ALL, handlers.non_text
        )
    )

    # One error handler: logs the traceback, tells the reader in one line, alerts the admins
    application.add_error_handler(handlers.error_handler)


async def post_init(application: Application) -> None:
    """Register the description and scoped command lists with Telegram; failures only logged."""
    knowledge = cast(Knowledge, application.bot_data[KNOWLEDGE])
    await publish_profile(application, knowledge, application.bot_data[SETTINGS])


def file_url(base_url: str) -> str:
    """The file-download prefix that goes with a Bot API prefix ("…/bot" -> "…/file/bot")."""
    root, _, _ = base_url.rstrip("/").rpartition("/")
    return f"{root}/file/bot"


def run_bot(settings: Settings, knowledge: Knowledge | None = None) -> None:
    """Run until stopped: long polling, or a webhook when FINDINGS_WEBHOOK_URL is set.

    Raises telegram.error.InvalidToken for a rejected token and NetworkError when the Bot API
    cannot be reached, before anything is logged about them, and SettingsError for webhook
    mode without FINDINGS_WEBHOOK_SECRET (anyone who finds the URL could post updates).
    """
    if settings.webhook_url and not settings.webhook_secret:
        raise SettingsError(
            "FINDINGS_WEBHOOK_SECRET is not set: webhook mode refuses to start without it, "
            "since anyone who finds the URL could post forged updates "
            '(generate one: python3 -c "import secrets; print(secrets.token_urlsafe(32))")'
        )
    configure_logging(settings)
    application = build_application(settings, knowledge or Knowledge.open(settings.findings_db))
    keep_loaded()  # no full garbage collection walks the findings during an answer
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)  # run_polling/run_webhook carry on in this loop
    loop.run_until_complete(_check_token(application.bot))
    if settings.webhook_url:
        application.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path=urlparse(settings.webhook_url).path.lstrip("/"),
            webhook_url=settings.webhook_url,
            secret_token=settings.webhook_secret,
            allowed_updates=Update.ALL_TYPES,
        )
    else:
        application.run_polling(allowed_updates=Update.ALL_TYPES)


async def _check_token(bot: Bot) -> None:
    """getMe once, so a bad token fails here, quietly, rather than in PTB's retry loop."""
    try:
        await bot.initialize()
    except TelegramError:
        await bot.shutdown()
        raise


class TokenRedactor(logging.Filter):
    """Replaces the bot token in every log line (and traceback) with "<token>"."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.token:
            return True
        message = record.getMessage()
        if self.token in message:
            record.msg, record.args = message.replace(self.token, "<token>"), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text and self.token in record.exc_text:
            record.exc_text = record.exc_text.replace(self.token, "<token>")
        return True


def quiet_http_loggers() -> None:
    """httpx logs every request URL at INFO, and a Bot API URL contains the token."""
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)


def configure_logging(settings: Settings) -> None:
    """Log to stderr at the configured level; request URLs (with the token) stay out."""
    logging.basicConfig(
        format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=settings.log_level
    )
    quiet_http_loggers()
    logging.getLogger("apscheduler").setLevel(logging.WARNING)  # a line per job run otherwise
    for handler in logging.getLogger().handlers:
        handler.addFilter(TokenRedactor(settings.token))
