"""/subscribe, /unsubscribe, /subscriptions and the admins' /broadcast_status."""

from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, filters

from bot.privacy import cancel_unwanted_deliveries
from bot.replies import Context, knowledge_of, say, send
from bot.settings import Settings
from delivery import membership
from delivery.membership import may_change_subscriptions
from delivery.state import ALL_FORCES, StateDB, shared_state
from knowledge.vocabulary import NATIONAL

CALLBACK_PATTERN = r"^(sub|unsub):"
MAX_BUTTONS = 8
MAX_ECHO = 60  # characters of a reader's argument quoted back to them


@dataclass(frozen=True)
class Wanted:
    """The forces a command names; `candidates` when it could mean several."""

    forces: tuple[str, ...] = ()
    candidates: tuple[str, ...] = ()


def wanted_forces(context: Context, text: str) -> Wanted:
    """No text: every force. Otherwise the forces the text names, as questions are read."""
    if not text.strip():
        return Wanted((ALL_FORCES,))
    found = knowledge_of(context).find_forces(text)
    national = (NATIONAL,) if found.national else ()
    if found.ambiguous or (found.suggestions and not found.forces and not national):
        choices = [f for group in found.ambiguous for f in group] or found.suggestions
        return Wanted(candidates=tuple(dict.fromkeys(choices))[:MAX_BUTTONS])
    return Wanted((*found.forces, *national))


def state_of(context: Context) -> StateDB:
    return shared_state(context.bot_data, context.bot_data["settings"].state_db)


def chat_id_of(update: Update) -> int:
    assert update.effective_chat is not None  # the handlers' filters ensure a chat
    return update.effective_chat.id


def shown(text: str) -> str:
    """The reader's words, cut short for quoting back."""
    return text if len(text) <= MAX_ECHO else text[: MAX_ECHO - 1].rstrip() + "…"


async def subscribe(update: Update, context: Context) -> None:
    """Follow new inspections of a force (or, with no force, of every force)."""
    await _change_subscriptions(update, context, "subscribe")


async def unsubscribe(update: Update, context: Context) -> None:
    """Stop following a force (or, with no force, everything)."""
    await _change_subscriptions(update, context, "unsubscribe")


async def _change_subscriptions(update: Update, context: Context, command: str) -> None:
    """What /subscribe and /unsubscribe share: admins only in groups, "which force?" buttons
    for an ambiguous name, a friendly line for an unknown one."""
    if not await may_change_subscriptions(update, context):
        await send(update, context, reply(context, "admins_only"))
        return
    text = " ".join(context.args or [])
    wanted = wanted_forces(context, text)
    if wanted.candidates:
        markup = choices("sub" if command == "subscribe" else "unsub", context, wanted)
        await send(update, context, reply(context, "which"), reply_markup=markup)
    elif not wanted.forces:
        await send(update, context, reply(context, "unknown", text=shown(text), command=command))
    elif command == "subscribe":
        await send(update, context, subscribe_chat(context, chat_id_of(update), wanted.forces))
    else:
        forces = None if text.strip() == "" else wanted.forces
        await send(update, context, unsubscribe_chat(context, chat_id_of(update), forces))


async def subscriptions(update: Update, context: Context) -> None:
    """List the forces this chat follows."""
    forces = state_of(context).subscriptions.of(chat_id_of(update))
    await send(update, context, reply(context, "list", forces=forces))


async def choice_button(update: Update, context: Context) -> None:
    """A force picked from the "which force?" buttons of /subscribe or /unsubscribe."""
    query = update.callback_query
    assert query is not None and query.data is not None
    action, _, short = query.data.partition(":")
    force = next(
        (f for f, row in knowledge_of(context).store.forces.items() if row["short_name"] == short),
        None,
    )
    if not await may_change_subscriptions(update, context):
        await query.answer(reply(context, "admins_only"), show_alert=True)
        return
    await query.answer()
    if force is None or update.effective_chat is None:
        return
    chat_id = update.effective_chat.id
    if action == "sub":
        text = subscribe_chat(context, chat_id, (force,))
    else:
        text = unsubscribe_chat(context, chat_id, (force,))
    await query.edit_message_text(text)


async def broadcast_status(update: Update, context: Context) -> None:
    """For admins only: subscribers, announcements and deliveries per state."""
    user = update.effective_user
    if user is None or user.id not in context.bot_data["settings"].admin_ids:
        return  # the handler's filter already keeps everyone else out
    state = state_of(context)
    broadcaster = context.bot_data.get("broadcaster")
    outcomes = dict(broadcaster.outcomes) if broadcaster else {}
    text = say(
        knowledge_of(context),
        "broadcast_status",
        chats=state.chats.counts(),
        counts=state.outbox.counts(),
        outcomes=outcomes,
        announcements=state.announcements.listing(),
    )
    await send(update, context, text)


def reply(context: Context, what: str, **facts: object) -> str:
    return say(
        knowledge_of(context),
        "subscriptions",
        what=what,
        **{"forces": (), "remaining": (), "text": "", "command": "subscribe", **facts},
    )


def subscribe_chat(context: Context, chat_id: int, forces: tuple[str, ...]) -> str:
    state = state_of(context)
    added = [force for force in forces if state.subscriptions.add(chat_id, force)]
    return reply(context, "subscribed" if added else "already", forces=forces)


def unsubscribe_chat(context: Context, chat_id: int, forces: tuple[str, ...] | None) -> str:
    state = state_of(context)
    following = state.subscriptions.of(chat_id)
    if forces is None:
        forces = tuple(following)
    dropped = [force for force in forces if state.subscriptions.remove(chat_id, force)]
    cancel_unwanted_deliveries(state.conn, chat_id)  # queued before /unsubscribe: not sent
    remaining = state.subscriptions.of(chat_id)
    what = "unsubscribed" if dropped or not following else "not_following"
    return reply(context, what, forces=forces or (ALL_FORCES,), remaining=remaining)


def choices(action: str, context: Context, wanted: Wanted) -> InlineKeyboardMarkup:
    """One button per candidate force; callback_data "sub:SHORT" fits in 64 bytes."""
    forces = knowledge_of(context).store.forces
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(force, callback_data=f"{action}:{forces[force]['short_name']}")]
            for force in wanted.candidates
            if force in forces
        ]
    )


def register(application: Application, settings: Settings) -> None:
    """The subscription commands; /broadcast_status answers FINDINGS_ADMIN_IDS only."""
    application.bot_data.setdefault("settings", settings)
    new = filters.UpdateType.MESSAGE
    admins = filters.User(user_id=settings.admin_ids)
    application.add_handler(CommandHandler("subscribe", subscribe, filters=new))
    application.add_handler(CommandHandler("unsubscribe", unsubscribe, filters=new))
    application.add_handler(CommandHandler("subscriptions", subscriptions, filters=new))
    application.add_handler(
        CommandHandler("broadcast_status", broadcast_status, filters=new & admins)
    )
    application.add_handler(CallbackQueryHandler(choice_button, pattern=CALLBACK_PATTERN))
    membership.register(application)  # the bot blocked or removed: stop sending there
